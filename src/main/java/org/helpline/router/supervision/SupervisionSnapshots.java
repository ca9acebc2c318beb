package org.helpline.router.supervision;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.listeners.ListenerDirectory;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The coordinators' snapshot, fresh on request, and its stream: changes are coalesced so subscribers get at
 * most one update per {@code helpline.supervision.stream-interval}, and one per heartbeat even when nothing
 * changed (waits keep growing).
 */
@ApplicationScoped
public class SupervisionSnapshots {

    private static final Logger LOG = Logger.getLogger(SupervisionSnapshots.class);

    private final LiveQueues live;
    private final QueueLines lines;
    private final ListenerDirectory listeners;
    private final SupervisionConfig config;
    private final jakarta.enterprise.inject.Instance<TodaySource> today;
    private final Clock clock;
    private final BroadcastProcessor<SupervisionSnapshot> updates = BroadcastProcessor.create();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private volatile SupervisionSnapshot latest;
    private volatile Instant lastSent = Instant.EPOCH;
    private ScheduledExecutorService ticker;

    SupervisionSnapshots(LiveQueues live, QueueLines lines, ListenerDirectory listeners, SupervisionConfig config,
                         jakarta.enterprise.inject.Instance<TodaySource> today, Clock clock) {
        this.today = today;
        this.live = live;
        this.lines = lines;
        this.listeners = listeners;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervision-stream");
            t.setDaemon(true);
            return t;
        });
        long every = config.streamInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Something changed: the next tick sends an update. */
    public void changed() {
        dirty.set(true);
    }

    /** A snapshot built now. */
    public SupervisionSnapshot fresh() {
        SupervisionSnapshot s = SnapshotBuilder.build(live.view(), lines.all(), listeners::ofLine, listeners::byEndpoint,
                this::todayOf, config.serviceDayStart(), Instant.now(clock));
        latest = s;
        return s;
    }

    /** Today's figures of a line, from the journal (a lazy lookup: the journal also tells this bean of changes). */
    private java.util.Optional<TodayFigures> todayOf(String line) {
        return today.isResolvable() ? today.get().today(line) : java.util.Optional.empty();
    }

    /** The last snapshot built (at most one stream interval old while anything changes), for the gauges. */
    public SupervisionSnapshot latest() {
        SupervisionSnapshot s = latest;
        return s != null ? s : fresh();
    }

    /** The current snapshot, then every coalesced update. */
    public Multi<SupervisionSnapshot> stream() {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(this::fresh), updates);
    }

    private void tick() {
        try {
            Instant now = Instant.now(clock);
            boolean heartbeat = Duration.between(lastSent, now).compareTo(config.streamHeartbeat()) >= 0;
            if (dirty.getAndSet(false) || heartbeat) {
                lastSent = now;
                updates.onNext(fresh());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Supervision update failed: %s", e.toString());
        }
    }
}
