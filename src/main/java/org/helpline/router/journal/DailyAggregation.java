package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes each line's daily figures from the call records and stores them in {@code daily_line_stats}, and the
 * same day's calls by hour in {@code hourly_line_stats} ({@link HourlyLineStats}). A day is recomputed as long as
 * its records exist; once the purge has removed them both are final and never touched again.
 */
@ApplicationScoped
public class DailyAggregation {

    /** The line code under which calls to no known line are counted. */
    public static final String UNKNOWN_LINE = "_unknown";

    private static final String DAYS_WITH_RECORDS = """
            SELECT DISTINCT COALESCE(line_code, '_unknown'), service_day FROM call_record
             WHERE service_day BETWEEN ? AND ? AND (CAST(? AS VARCHAR) IS NULL OR COALESCE(line_code, '_unknown') = ?)
             ORDER BY 1, 2
            """;
    private static final String CALLS_OF_DAY = """
            SELECT outcome, wait_seconds, talk_seconds, queue_entered_at IS NOT NULL, caller_pseudonym = 'withheld',
                   COALESCE(crisis_heard, FALSE), COALESCE(started_at, first_event_at)
              FROM call_record WHERE COALESCE(line_code, '_unknown') = ? AND service_day = ?
            """;
    /** Distinct callers of the day, and those with more than one call to the line so far in their period. */
    private static final String CALLERS_OF_DAY = """
            WITH day_callers AS (
                SELECT DISTINCT caller_pseudonym FROM call_record
                 WHERE COALESCE(line_code, '_unknown') = ? AND service_day = ? AND outcome IS NOT NULL
                   AND caller_pseudonym IS NOT NULL AND caller_pseudonym <> 'withheld')
            SELECT count(*), count(*) FILTER (WHERE calls > 1) FROM (
                SELECT d.caller_pseudonym, count(*) AS calls
                  FROM day_callers d JOIN call_record c ON c.caller_pseudonym = d.caller_pseudonym
                 WHERE COALESCE(c.line_code, '_unknown') = ? AND c.service_day <= ? AND c.outcome IS NOT NULL
                 GROUP BY d.caller_pseudonym) per_caller
            """;
    private static final String UPSERT = """
            INSERT INTO daily_line_stats AS s (line_code, service_day, offered, answered, abandoned, short_calls, closed,
                no_listener, timed_out, overload, failed, queued, answered_within_target, service_level_seconds,
                short_call_seconds, answered_waits, talk_seconds, identified_callers, repeat_callers, withheld_calls,
                left_during_notice, crisis_transfers, transfers_failed, unknown_line, crisis_heard,
                records_purged, computed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, now())
            ON CONFLICT (line_code, service_day) DO UPDATE SET
                offered = EXCLUDED.offered, answered = EXCLUDED.answered, abandoned = EXCLUDED.abandoned,
                short_calls = EXCLUDED.short_calls, closed = EXCLUDED.closed, no_listener = EXCLUDED.no_listener,
                timed_out = EXCLUDED.timed_out, overload = EXCLUDED.overload, failed = EXCLUDED.failed,
                queued = EXCLUDED.queued, answered_within_target = EXCLUDED.answered_within_target,
                service_level_seconds = EXCLUDED.service_level_seconds,
                short_call_seconds = EXCLUDED.short_call_seconds, answered_waits = EXCLUDED.answered_waits,
                talk_seconds = EXCLUDED.talk_seconds, identified_callers = EXCLUDED.identified_callers,
                -- a caller's earlier calls may already be purged: what was once seen as a repeat stays one
                repeat_callers = GREATEST(s.repeat_callers, EXCLUDED.repeat_callers), withheld_calls = EXCLUDED.withheld_calls,
                left_during_notice = EXCLUDED.left_during_notice, crisis_transfers = EXCLUDED.crisis_transfers,
                transfers_failed = EXCLUDED.transfers_failed, unknown_line = EXCLUDED.unknown_line,
                crisis_heard = EXCLUDED.crisis_heard, computed_at = now()
            WHERE NOT s.records_purged
            """;

    private final AgroalDataSource dataSource;
    private final LineDirectory lines;
    private final JournalConfig config;
    private final HourlyLineStats hourly;

    DailyAggregation(AgroalDataSource dataSource, LineDirectory lines, JournalConfig config, HourlyLineStats hourly) {
        this.dataSource = dataSource;
        this.lines = lines;
        this.config = config;
        this.hourly = hourly;
    }

    /** Recomputes every (line, day) in the range that still has records; {@code line} null means all lines. */
    public int refresh(Connection c, LocalDate from, LocalDate to, String line) throws SQLException {
        List<Object[]> days = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DAYS_WITH_RECORDS)) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            ps.setString(3, line);
            ps.setString(4, line);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(new Object[]{rs.getString(1), rs.getDate(2).toLocalDate()});
                }
            }
        }
        for (Object[] d : days) {
            String code = (String) d[0];
            LocalDate day = (LocalDate) d[1];
            List<HourlyLineStats.StartedCall> calls = calls(c, code, day);
            // The daily row goes first: its upsert locks the (line, day), so two refreshes of one day take turns,
            // and it writes nothing once the day is final, nor then do the hours.
            if (store(c, code, day, figures(c, code, day, calls))) {
                hourly.replace(c, code, day, HourlyLineStats.countByHour(calls, zone(code), config.shortCallSeconds()));
            }
        }
        return days.size();
    }

    /** The same in its own transaction. */
    public int refresh(LocalDate from, LocalDate to, String line) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n = refresh(c, from, to, line);
            c.commit();
            return n;
        }
    }

    /** The figures of one line's day from its records. */
    public DailyFigures compute(Connection c, String line, LocalDate day) throws SQLException {
        return figures(c, line, day, calls(c, line, day));
    }

    private static List<HourlyLineStats.StartedCall> calls(Connection c, String line, LocalDate day) throws SQLException {
        List<HourlyLineStats.StartedCall> calls = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CALLS_OF_DAY)) {
            ps.setString(1, line);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String outcome = rs.getString(1);
                    OffsetDateTime start = rs.getObject(7, OffsetDateTime.class);
                    calls.add(new HourlyLineStats.StartedCall(new DailyFigures.Call(
                            outcome == null ? null : CallOutcome.valueOf(outcome), (Integer) rs.getObject(2),
                            (Integer) rs.getObject(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6)),
                            start == null ? null : start.toInstant()));
                }
            }
        }
        return calls;
    }

    private DailyFigures figures(Connection c, String line, LocalDate day, List<HourlyLineStats.StartedCall> calls)
            throws SQLException {
        int identified;
        int repeat;
        try (PreparedStatement ps = c.prepareStatement(CALLERS_OF_DAY)) {
            ps.setString(1, line);
            ps.setDate(2, Date.valueOf(day));
            ps.setString(3, line);
            ps.setDate(4, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                identified = rs.getInt(1);
                repeat = rs.getInt(2);
            }
        }
        return DailyFigures.of(calls.stream().map(HourlyLineStats.StartedCall::call).toList(), serviceLevelSeconds(line),
                config.shortCallSeconds(), identified, repeat);
    }

    int serviceLevelSeconds(String line) {
        return lines.byCode(line).map(v -> v.rules().serviceLevelSeconds()).orElse(30);
    }

    /** The zone a line's hours are counted in: the line's own, or the journal's default for calls to no line. */
    private ZoneId zone(String line) {
        return lines.byCode(line).map(LineView::zone).orElseGet(() -> ZoneId.of(config.defaultZone()));
    }

    /** Stores the day's figures; false when the day is final (its records were purged) and nothing was written. */
    private static boolean store(Connection c, String line, LocalDate day, DailyFigures f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            int i = 1;
            ps.setString(i++, line);
            ps.setDate(i++, Date.valueOf(day));
            for (int v : new int[]{f.offered(), f.answered(), f.abandoned(), f.shortCalls(), f.closed(),
                    f.noListener(), f.timedOut(), f.overload(), f.failed(), f.queued(), f.answeredWithinTarget(),
                    f.serviceLevelSeconds(), f.shortCallSeconds()}) {
                ps.setInt(i++, v);
            }
            Array waits = c.createArrayOf("integer", f.answeredWaits().toArray());
            ps.setArray(i++, waits);
            ps.setLong(i++, f.talkSeconds());
            ps.setInt(i++, f.identifiedCallers());
            ps.setInt(i++, f.repeatCallers());
            ps.setInt(i++, f.withheldCalls());
            for (int v : new int[]{f.leftDuringNotice(), f.crisisTransfers(), f.transfersFailed(), f.unknownLine(),
                    f.crisisHeard()}) {
                ps.setInt(i++, v);
            }
            return ps.executeUpdate() > 0;
        }
    }
}
