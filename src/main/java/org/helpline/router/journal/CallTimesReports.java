package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.api.ApiProblem;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When people call: a line's calls by hour of day, by weekday, and by both, per outcome, from
 * {@code hourly_line_stats}. As for the daily report, the days of the range that still have call records are
 * recomputed first, and days whose records are purged come from their final figures. Every hour and weekday
 * appears, with zeros when nobody called.
 */
@ApplicationScoped
public class CallTimesReports {

    private final AgroalDataSource dataSource;
    private final DailyAggregation aggregation;
    private final HourlyLineStats table;
    private final ReportService reports;

    CallTimesReports(AgroalDataSource dataSource, DailyAggregation aggregation, HourlyLineStats table,
                     ReportService reports) {
        this.dataSource = dataSource;
        this.aggregation = aggregation;
        this.table = table;
        this.reports = reports;
    }

    /** 24 rows per line, hours 0 to 23 of the line's clock. */
    public List<HourRow> hourly(ReportQuery q) {
        int days = (int) ChronoUnit.DAYS.between(q.from(), q.to()) + 1;
        List<HourRow> rows = new ArrayList<>();
        read(q).forEach((line, times) -> {
            for (int hour = 0; hour < 24; hour++) {
                rows.add(new HourRow(line, q.from(), q.to(), days, hour, times.atHour(hour)));
            }
        });
        return rows;
    }

    /** 7 rows per line, MONDAY to SUNDAY, each the weekday of the service days it sums. */
    public List<WeekdayRow> weekdays(ReportQuery q) {
        Map<DayOfWeek, Integer> days = CallTimes.weekdaysBetween(q.from(), q.to());
        List<WeekdayRow> rows = new ArrayList<>();
        read(q).forEach((line, times) -> {
            for (DayOfWeek d : DayOfWeek.values()) {
                rows.add(new WeekdayRow(line, q.from(), q.to(), d, days.get(d), times.on(d)));
            }
        });
        return rows;
    }

    /** 168 rows per line: MONDAY hour 0 to SUNDAY hour 23. */
    public List<HeatmapRow> heatmap(ReportQuery q) {
        Map<DayOfWeek, Integer> days = CallTimes.weekdaysBetween(q.from(), q.to());
        List<HeatmapRow> rows = new ArrayList<>();
        read(q).forEach((line, times) -> {
            for (DayOfWeek d : DayOfWeek.values()) {
                for (int hour = 0; hour < 24; hour++) {
                    rows.add(new HeatmapRow(line, q.from(), q.to(), d, hour, days.get(d), times.at(d, hour)));
                }
            }
        });
        return rows;
    }

    private Map<String, CallTimes> read(ReportQuery q) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            aggregation.refresh(c, q.from(), q.to(), q.line());
            Map<String, CallTimes> found = table.sums(c, q);
            c.commit();
            Map<String, CallTimes> byLine = new LinkedHashMap<>();
            for (String line : reports.coveredLines(c, q, found.keySet())) {
                byLine.put(line, found.getOrDefault(line, new CallTimes()));
            }
            return byLine;
        } catch (SQLException e) {
            throw ApiProblem.unavailable("database-unavailable", "The call journal cannot be read now; try again later");
        }
    }
}
