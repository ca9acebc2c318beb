package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's scheduled work: closing calls never seen to end, keeping recent days' figures current, and
 * the retention purge, which first makes each expiring day's figures final and then deletes its records.
 * Every step is idempotent; the methods taking an instant let tests run them at any moment.
 */
@ApplicationScoped
public class JournalMaintenance {

    private static final Logger LOG = Logger.getLogger(JournalMaintenance.class);

    private final AgroalDataSource dataSource;
    private final CallRecordStore records;
    private final DailyAggregation aggregation;
    private final LineDirectory lines;
    private final JournalConfig config;
    private final java.time.LocalTime dayStart;
    private final Clock clock;

    JournalMaintenance(AgroalDataSource dataSource, CallRecordStore records, DailyAggregation aggregation,
                       LineDirectory lines, JournalConfig config, org.helpline.router.supervision.SupervisionConfig day,
                       Clock clock) {
        this.dayStart = day.serviceDayStart();
        this.dataSource = dataSource;
        this.records = records;
        this.aggregation = aggregation;
        this.lines = lines;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${helpline.journal.aggregate-every:15m}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledAggregation() {
        try {
            refreshRecent(Instant.now(clock));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Journal: daily figures not refreshed this time: %s", e.getMessage());
        }
    }

    @Scheduled(cron = "${helpline.journal.purge-cron:0 30 3 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        try {
            purge(Instant.now(clock));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Journal: retention purge failed, it will run again at its next time: %s", e.getMessage());
        }
    }

    /** Closes stale calls, then recomputes the figures of the last two days. */
    public void refreshRecent(Instant now) throws SQLException {
        closeStale(now);
        LocalDate today = now.atZone(ZoneId.of(config.defaultZone())).toLocalDate();
        aggregation.refresh(today.minusDays(2), today.plusDays(1), null);
    }

    /** Closes queued calls that never ended (see {@link CallRecordStore#closeStale}). */
    public int closeStale(Instant now) throws SQLException {
        int closed = records.closeStale(now.minus(config.unansweredTimeout()), config.defaultZone(), dayStart);
        if (closed > 0) {
            LOG.infof("Journal: %d calls with no end (or no route decision) after %s closed", closed,
                    config.unansweredTimeout());
        }
        return closed;
    }

    /**
     * Deletes the records of every service day older than the retention period (in each line's zone), after
     * storing that day's final figures. Returns the number of records deleted.
     */
    public int purge(Instant now) throws SQLException {
        closeStale(now);
        long keepDays = Math.max(1, config.retention().toDays());
        int deleted = 0;
        int days = 0;
        for (String line : linesWithRecords()) {
            ZoneId zone = lines.byCode(line).map(LineView::zone).orElse(ZoneId.of(config.defaultZone()));
            LocalDate cutoff = now.atZone(zone).toLocalDate().minusDays(keepDays);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                // Every day still held is refreshed, not only the expiring ones: later days of the same period
                // count their repeat callers while the earlier calls can still be seen.
                days += aggregation.refresh(c, LocalDate.of(1970, 1, 1), LocalDate.of(2999, 12, 31), line);
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE daily_line_stats SET records_purged = TRUE
                         WHERE line_code = ? AND service_day < ? AND NOT records_purged""")) {
                    ps.setString(1, line);
                    ps.setDate(2, Date.valueOf(cutoff));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM call_record WHERE COALESCE(line_code, '_unknown') = ? AND service_day < ?""")) {
                    ps.setString(1, line);
                    ps.setDate(2, Date.valueOf(cutoff));
                    deleted += ps.executeUpdate();
                }
                c.commit();
            }
        }
        LOG.infof("Journal: retention purge (%d days kept) deleted %d call records; figures of %d line-days refreshed",
                keepDays, deleted, days);
        return deleted;
    }

    private List<String> linesWithRecords() throws SQLException {
        List<String> codes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT DISTINCT COALESCE(line_code, '_unknown') FROM call_record WHERE service_day IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }
}
