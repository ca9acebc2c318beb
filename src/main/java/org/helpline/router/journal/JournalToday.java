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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each line's "today" for the coordinators' live view, read from the journal every few seconds with the very
 * function the daily report uses ({@link DailyAggregation#compute}, then {@link ReportRow#of}): every figure of the
 * report, one definition per figure, shared by every instance and rebuilt after a restart. While the database
 * cannot be read, the last figures stay.
 */
@ApplicationScoped
public class JournalToday implements TodaySource {

    private static final Logger LOG = Logger.getLogger(JournalToday.class);

    private final AgroalDataSource dataSource;
    private final LineDirectory lines;
    private final DailyAggregation aggregation;
    private final LocalTime dayStart;
    private final SupervisionSnapshots snapshots;
    private final Clock clock;
    private volatile Map<String, TodayFigures> figures = Map.of();
    private volatile boolean failing;

    JournalToday(AgroalDataSource dataSource, LineDirectory lines, DailyAggregation aggregation, SupervisionConfig day,
                 SupervisionSnapshots snapshots, Clock clock) {
        this.dataSource = dataSource;
        this.lines = lines;
        this.aggregation = aggregation;
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
        Map<String, TodayFigures> next = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (LineView l : all) {
                LocalDate day = ServiceDay.of(now, l.zone(), dayStart);
                next.put(l.code(), of(l.code(), day, aggregation.compute(c, l.code(), day)));
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
        if (!next.equals(figures)) {
            figures = Map.copyOf(next);
            snapshots.changed();
        }
    }

    /** The daily report's row of the day, as the live view carries it, with the mean wait of answered calls. */
    static TodayFigures of(String line, LocalDate day, DailyFigures f) {
        ReportRow r = ReportRow.of(line, day, day, f);
        return new TodayFigures(day, r.offered(), r.answered(), r.abandoned(), r.shortCalls(), r.closed(),
                r.noListener(), r.timedOut(), r.overload(), r.failed(), r.queued(), r.answeredWithinTarget(),
                r.serviceLevelSeconds(), r.serviceLevel(), r.waitP50(), r.waitP90(), r.talkSeconds(),
                r.identifiedCallers(), r.repeatCallers(), r.repeatCallerShare(), r.withheldCalls(),
                r.leftDuringNotice(), r.crisisTransfers(), r.transfersFailed(), r.unknownLine(), r.crisisHeard(),
                f.averageAnsweredWait());
    }
}
