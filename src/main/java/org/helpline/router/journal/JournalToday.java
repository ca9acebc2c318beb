package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;
import org.helpline.router.supervision.ServiceDay;
import org.helpline.router.supervision.SupervisionConfig;
import org.helpline.router.supervision.SupervisionSnapshots;
import org.helpline.router.supervision.TodayFigures;
import org.helpline.router.supervision.TodaySource;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each line's "today" for the coordinators' live view, read from the journal every few seconds with the very
 * function the reports use ({@link DailyFigures#of}): one definition per figure, shared by every instance and
 * rebuilt after a restart. While the database cannot be read, the last figures stay.
 */
@ApplicationScoped
public class JournalToday implements TodaySource {

    private static final Logger LOG = Logger.getLogger(JournalToday.class);
    private static final String CALLS = """
            SELECT line_code, service_day, outcome, wait_seconds, talk_seconds, queue_entered_at IS NOT NULL,
                   caller_pseudonym = 'withheld', COALESCE(crisis_heard, FALSE)
              FROM call_record WHERE service_day BETWEEN ? AND ? AND line_code IS NOT NULL AND outcome IS NOT NULL
            """;

    private final AgroalDataSource dataSource;
    private final LineDirectory lines;
    private final JournalConfig config;
    private final LocalTime dayStart;
    private final SupervisionSnapshots snapshots;
    private final Clock clock;
    private volatile Map<String, TodayFigures> figures = Map.of();
    private volatile boolean failing;

    JournalToday(AgroalDataSource dataSource, LineDirectory lines, JournalConfig config, SupervisionConfig day,
                 SupervisionSnapshots snapshots, Clock clock) {
        this.dataSource = dataSource;
        this.lines = lines;
        this.config = config;
        this.dayStart = day.serviceDayStart();
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public Optional<TodayFigures> today(String line) {
        return Optional.ofNullable(figures.get(line));
    }

    @Scheduled(every = "${helpline.journal.today-refresh:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh(Instant.now(clock));
    }

    /** Reads today's calls of every line and recomputes their figures. */
    public void refresh(Instant now) {
        List<LineView> all = lines.all();
        if (all.isEmpty()) {
            return;
        }
        Map<String, LocalDate> days = new HashMap<>();
        LocalDate min = null;
        LocalDate max = null;
        for (LineView l : all) {
            LocalDate d = ServiceDay.of(now, l.zone(), dayStart);
            days.put(l.code(), d);
            min = min == null || d.isBefore(min) ? d : min;
            max = max == null || d.isAfter(max) ? d : max;
        }
        Map<String, List<DailyFigures.Call>> calls = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CALLS)) {
            ps.setDate(1, Date.valueOf(min));
            ps.setDate(2, Date.valueOf(max));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!rs.getDate(2).toLocalDate().equals(days.get(line))) {
                        continue;
                    }
                    calls.computeIfAbsent(line, k -> new ArrayList<>()).add(new DailyFigures.Call(
                            CallOutcome.valueOf(rs.getString(3)), (Integer) rs.getObject(4), (Integer) rs.getObject(5),
                            rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)));
                }
            }
            if (failing) {
                failing = false;
                LOG.info("Live figures: the journal is readable again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("Live figures: the journal cannot be read (%s); today's figures stay as last read", e.getMessage());
            }
            return;
        }
        Map<String, TodayFigures> next = new HashMap<>();
        for (LineView l : all) {
            DailyFigures f = DailyFigures.of(calls.getOrDefault(l.code(), List.of()), l.rules().serviceLevelSeconds(),
                    config.shortCallSeconds(), 0, 0);
            next.put(l.code(), new TodayFigures(days.get(l.code()), f.offered(), f.answered(), f.abandoned(),
                    f.shortCalls(), f.leftDuringNotice(), f.closed(), f.noListener(), f.timedOut(), f.overload(),
                    f.failed(), f.crisisTransfers(), f.queued(), f.answeredWithinTarget(), f.serviceLevel(),
                    f.averageAnsweredWait()));
        }
        if (!next.equals(figures)) {
            figures = Map.copyOf(next);
            snapshots.changed();
        }
    }
}
