package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.lines.LineDirectory;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Daily and weekly reports per line. The days in range that still have call records are recomputed first,
 * so a report is current up to the last written call; days whose records are purged come from their final
 * figures. Every day of the range appears, with zeros when the line had no call.
 */
@ApplicationScoped
public class ReportService {

    private static final String READ = """
            SELECT line_code, service_day, offered, answered, abandoned, short_calls, closed, no_listener, timed_out,
                   overload, failed, queued, answered_within_target, service_level_seconds, short_call_seconds,
                   answered_waits, talk_seconds, identified_callers, repeat_callers, withheld_calls,
                   left_during_notice, crisis_transfers, transfers_failed, unknown_line, crisis_heard
              FROM daily_line_stats
             WHERE service_day BETWEEN ? AND ? AND (CAST(? AS VARCHAR) IS NULL OR line_code = ?)
            """;

    private final AgroalDataSource dataSource;
    private final DailyAggregation aggregation;
    private final LineDirectory lines;
    private final JournalConfig config;

    ReportService(AgroalDataSource dataSource, DailyAggregation aggregation, LineDirectory lines, JournalConfig config) {
        this.dataSource = dataSource;
        this.aggregation = aggregation;
        this.lines = lines;
        this.config = config;
    }

    /** One row per line and day; {@code line} null means every line. */
    public List<ReportRow> daily(ReportQuery q) {
        List<ReportRow> rows = new ArrayList<>();
        figuresByLineAndDay(q).forEach((line, days) -> days.forEach((day, f) -> rows.add(ReportRow.of(line, day, day, f))));
        return rows;
    }

    /** One row per line and ISO week (Monday to Sunday) touching the range; whole weeks are counted. */
    public List<ReportRow> weekly(ReportQuery q) {
        LocalDate monday = q.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate sunday = q.to().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        List<ReportRow> rows = new ArrayList<>();
        figuresByLineAndDay(new ReportQuery(q.line(), monday, sunday)).forEach((line, days) -> {
            Map<LocalDate, DailyFigures> weeks = new TreeMap<>();
            days.forEach((day, f) -> weeks.merge(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), f,
                    DailyFigures::plus));
            weeks.forEach((start, f) -> rows.add(ReportRow.of(line, start, start.plusDays(6), f)));
        });
        return rows;
    }

    private Map<String, Map<LocalDate, DailyFigures>> figuresByLineAndDay(ReportQuery q) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            aggregation.refresh(c, q.from(), q.to(), q.line());
            Map<String, Map<LocalDate, DailyFigures>> result = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(READ)) {
                ps.setDate(1, Date.valueOf(q.from()));
                ps.setDate(2, Date.valueOf(q.to()));
                ps.setString(3, q.line());
                ps.setString(4, q.line());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                                .put(rs.getDate(2).toLocalDate(), figures(rs));
                    }
                }
            }
            c.commit();
            for (String line : coveredLines(c, q, result.keySet())) {
                result.computeIfAbsent(line, k -> new TreeMap<>());
            }
            result.forEach((line, days) -> {
                DailyFigures none = DailyFigures.none(aggregation.serviceLevelSeconds(line), config.shortCallSeconds());
                for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
                    days.putIfAbsent(d, none);
                }
            });
            return result;
        } catch (SQLException e) {
            throw ApiProblem.unavailable("database-unavailable", "The call journal cannot be read now; try again later");
        }
    }

    /**
     * The lines a report covers: the one asked for (a 400 naming {@code line} when no such line exists nor ever had
     * figures), or every configured line and every line with figures in the range (calls to no line, deleted lines).
     */
    SortedSet<String> coveredLines(Connection c, ReportQuery q, Set<String> withFigures) throws SQLException {
        SortedSet<String> covered = new TreeSet<>(withFigures);
        if (q.line() == null) {
            lines.all().forEach(l -> covered.add(l.code()));
        } else {
            if (covered.isEmpty() && lines.byCode(q.line()).isEmpty() && !hasAnyFigures(c, q.line())) {
                throw ApiProblem.invalid("line", "is not a known line");
            }
            covered.add(q.line());
        }
        return covered;
    }

    private static boolean hasAnyFigures(Connection c, String line) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM daily_line_stats WHERE line_code = ?)
                    OR EXISTS (SELECT 1 FROM call_record WHERE COALESCE(line_code, '_unknown') = ?)""")) {
            ps.setString(1, line);
            ps.setString(2, line);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static DailyFigures figures(ResultSet rs) throws SQLException {
        Integer[] waits = (Integer[]) rs.getArray(16).getArray();
        return new DailyFigures(rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15),
                Arrays.asList(waits), rs.getLong(17), rs.getInt(18), rs.getInt(19), rs.getInt(20), rs.getInt(21),
                rs.getInt(22), rs.getInt(23), rs.getInt(24), rs.getInt(25));
    }
}
