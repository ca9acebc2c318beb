package org.helpline.router.journal;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@code hourly_line_stats}: each line's calls per service day, local clock hour of their start and
 * counted outcome. {@link DailyAggregation} rewrites a day's rows together with its daily figures (and, like
 * them, never once the day's records are purged); the reports by hour, weekday and both read their sums.
 *
 * <p>The hour is the wall-clock hour of the call's start in the line's zone, whatever the UTC offset: on the
 * autumn night when clocks go back, hour 2 holds the calls of two real hours; on the spring night, no call
 * starts in hour 2. A report by hour of day is read as "calls that started while the line's clocks showed
 * 02:xx", which is what an association plans its opening hours by.
 */
@ApplicationScoped
public class HourlyLineStats {

    private static final String DELETE = "DELETE FROM hourly_line_stats WHERE line_code = ? AND service_day = ?";
    private static final String INSERT = """
            INSERT INTO hourly_line_stats (line_code, service_day, local_hour, outcome, calls) VALUES (?, ?, ?, ?, ?)
            """;
    private static final String SUMS = """
            SELECT line_code, CAST(EXTRACT(ISODOW FROM service_day) AS INTEGER), local_hour, outcome,
                   CAST(SUM(calls) AS INTEGER)
              FROM hourly_line_stats
             WHERE service_day BETWEEN ? AND ? AND (CAST(? AS VARCHAR) IS NULL OR line_code = ?)
             GROUP BY 1, 2, 3, 4
            """;

    /** A call of the day as the hourly figures need it: how it counts, and when it started. */
    public record StartedCall(DailyFigures.Call call, Instant start) {
    }

    /**
     * One day's calls counted by local clock hour (index 0–23) and counted outcome (index: ordinal). Calls still
     * going on (no outcome yet) are left out, as {@link DailyFigures#of} leaves them out. A record always has a
     * start: the route decision or the call's arrival, else its first event.
     */
    public static int[][] countByHour(List<StartedCall> calls, ZoneId zone, int shortCallSeconds) {
        int[][] counts = new int[24][CallOutcome.values().length];
        for (StartedCall c : calls) {
            CallOutcome outcome = c.call().counted(shortCallSeconds);
            if (outcome != null && c.start() != null) {
                counts[hourOf(c.start(), zone)][outcome.ordinal()]++;
            }
        }
        return counts;
    }

    /** The clock hour an instant shows in a zone. */
    public static int hourOf(Instant at, ZoneId zone) {
        return at.atZone(zone).getHour();
    }

    /** Replaces a line's rows for one service day with these counts, inside the caller's transaction. */
    void replace(Connection c, String line, LocalDate day, int[][] counts) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, line);
            delete.setDate(2, Date.valueOf(day));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            boolean any = false;
            for (int hour = 0; hour < 24; hour++) {
                for (CallOutcome outcome : CallOutcome.values()) {
                    int n = counts[hour][outcome.ordinal()];
                    if (n > 0) {
                        insert.setString(1, line);
                        insert.setDate(2, Date.valueOf(day));
                        insert.setShort(3, (short) hour);
                        insert.setString(4, outcome.name());
                        insert.setInt(5, n);
                        insert.addBatch();
                        any = true;
                    }
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    /** Each line's calls over the query's service days, summed by weekday of the service day, hour and outcome. */
    Map<String, CallTimes> sums(Connection c, ReportQuery q) throws SQLException {
        Map<String, CallTimes> byLine = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SUMS)) {
            ps.setDate(1, Date.valueOf(q.from()));
            ps.setDate(2, Date.valueOf(q.to()));
            ps.setString(3, q.line());
            ps.setString(4, q.line());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byLine.computeIfAbsent(rs.getString(1), k -> new CallTimes())
                            .add(DayOfWeek.of(rs.getInt(2)), rs.getInt(3), CallOutcome.valueOf(rs.getString(4)),
                                    rs.getInt(5));
                }
            }
        }
        return byLine;
    }
}
