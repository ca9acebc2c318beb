package org.helpline.router.schedule.calendar;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.lines.LineService;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes calendar sources on the scheduler's thread: a subscription is fetched again (the last good copy is
 * kept when that fails), and every source is re-read against the moving import window. Each refresh is one
 * transaction holding the source's {@link RefreshLock}, so with several instances on one database a source is
 * refreshed by one of them; the line's routing view is updated after the commit, as for any change.
 */
@ApplicationScoped
public class CalendarRefresh {

    private static final Logger LOG = Logger.getLogger(CalendarRefresh.class);

    private final CalendarFetcher fetcher;
    private final CalendarSync sync;
    private final RefreshLock lock;
    private final LineService lines;
    private final AuditTrail audit;
    private final CalendarConfig config;
    private final Clock clock;

    CalendarRefresh(CalendarFetcher fetcher, CalendarSync sync, RefreshLock lock, LineService lines, AuditTrail audit,
                    CalendarConfig config, Clock clock) {
        this.fetcher = fetcher;
        this.sync = sync;
        this.lock = lock;
        this.lines = lines;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Every {@link CalendarConfig#checkInterval()}: the sources not refreshed for a refresh interval. */
    @Scheduled(every = "${helpline.calendar.check-interval:1m}", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            refreshDue();
        } catch (RuntimeException e) {
            LOG.warnf("Calendars: refresh round failed, trying again at the next one: %s", e.getMessage());
        }
    }

    /** Refreshes every source that is due; a source another instance holds is left to it. */
    public void refreshDue() {
        Instant dueBefore = Instant.now(clock).minus(config.refreshInterval());
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> CalendarSource.<CalendarSource>list(
                "lastRefreshedAt is null or lastRefreshedAt <= ?1 order by id", dueBefore).stream()
                .map(s -> s.id).toList());
        for (Long id : due) {
            try {
                refresh(id, false);
            } catch (RuntimeException e) {
                LOG.warnf("Calendars: source %d not refreshed: %s", id, e.getMessage());
            }
        }
    }

    /**
     * Refreshes one source now. {@code force} (an operator's request) waits for another instance's refresh to
     * end and ignores the interval; the scheduler's refresh skips a busy or recently refreshed source.
     */
    public void refresh(long id, boolean force) {
        int timeout = (int) (config.connectTimeout().toSeconds() + config.readTimeout().toSeconds() + 60);
        QuarkusTransaction.requiringNew().timeout(timeout).run(() -> {
            if (force) {
                lock.lock(id);
            } else if (!lock.tryLock(id)) {
                return;
            }
            CalendarSource source = CalendarSource.findById(id);
            Instant now = Instant.now(clock);
            if (source == null || !force && source.lastRefreshedAt != null
                    && source.lastRefreshedAt.isAfter(now.minus(config.refreshInterval()))) {
                return;
            }
            refreshLocked(source, Line.findById(source.lineId), now);
        });
    }

    private void refreshLocked(CalendarSource source, Line line, Instant now) {
        String error = null;
        String fresh = null;
        String etag = source.etag;
        CalendarUrl url = null;
        if (source.origin == CalendarSource.Origin.SUBSCRIPTION) {
            try {
                url = CalendarUrl.parse(source.url, config);
                CalendarFetcher.Fetched fetched = fetcher.fetch(url, source.body == null ? null : source.etag);
                if (!fetched.notModified()) {
                    fresh = fetched.body();
                    etag = fetched.etag();
                }
            } catch (CalendarFetchException e) {
                error = e.getMessage();
            } catch (IllegalArgumentException e) {
                error = "the URL is no longer accepted: it " + e.getMessage();
            }
        }
        CalendarSync.Outcome outcome = null;
        if (fresh != null) {
            try {
                outcome = sync.apply(line, source, fresh, now);
                source.body = fresh;
                source.etag = etag;
            } catch (CalendarFormatException e) {
                error = "the calendar " + e.getMessage();
            }
        }
        if (outcome == null && source.body != null) {
            // The source failed or said "not modified": the last good copy, re-read against today's window.
            try {
                outcome = sync.apply(line, source, source.body, now);
            } catch (CalendarFormatException e) {
                error = error == null ? "the last good copy " + e.getMessage() : error;
            }
        } else if (outcome == null && error == null) {
            error = "nothing has been read from this calendar yet";
        }
        source.lastRefreshedAt = now;
        if (error == null) {
            source.lastSuccessAt = now;
            source.lastError = null;
        } else {
            // Shown to coordinators and logged: never the address's secrets, whatever a library's message quoted.
            error = url == null ? error : url.scrub(error);
            source.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
            LOG.warnf("Calendars: %s of line %s could not be refreshed (%s); the last good copy stays in force",
                    describe(source), line.code, error);
        }
        if (outcome != null && outcome.changedLine()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("source", source.id);
            details.put("imported", outcome.imported());
            details.put("updated", outcome.updated());
            details.put("removed", outcome.removed());
            audit.record("calendar.refresh", "line:" + line.code, details);
            lines.publish(line);
        }
    }

    private String describe(CalendarSource source) {
        if (source.origin == CalendarSource.Origin.UPLOAD) {
            return "the uploaded calendar";
        }
        String where;
        try {
            where = CalendarUrl.parse(source.url, config).masked();
        } catch (IllegalArgumentException e) {
            where = "(URL not shown)";
        }
        return "subscription " + source.id + " " + where;
    }
}
