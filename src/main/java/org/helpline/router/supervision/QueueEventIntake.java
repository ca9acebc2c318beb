package org.helpline.router.supervision;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import org.helpline.router.lines.LineView;
import org.helpline.router.listeners.ListenerDirectory;
import org.helpline.router.listeners.ListenerView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where the Asterisk edge delivers {@link QueueEvent}s (on its single event worker): updates the live model,
 * publishes the resulting {@link CallProgress} and {@link CallEnded} (asynchronously but in order, on one delivery
 * thread, for the journal's {@code @ObservesAsync}) and meters, applies the
 * listener rules and marks the supervision stream changed.
 */
@ApplicationScoped
public class QueueEventIntake {

    private final LiveQueues live;
    private final QueueLines lines;
    private final ListenerDirectory listeners;
    private final ListenerWellbeing wellbeing;
    private final SupervisionSnapshots snapshots;
    private final SupervisionMeters meters;
    private final Event<CallProgress> progress;
    private final Event<CallEnded> ends;
    private final Clock clock;
    /** One thread, so the journal receives each call's steps in order. */
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "call-progress");
        t.setDaemon(true);
        return t;
    });

    QueueEventIntake(LiveQueues live, QueueLines lines, ListenerDirectory listeners, ListenerWellbeing wellbeing,
                     SupervisionSnapshots snapshots, SupervisionMeters meters, Event<CallProgress> progress,
                     Event<CallEnded> ends, Clock clock) {
        this.live = live;
        this.lines = lines;
        this.listeners = listeners;
        this.wellbeing = wellbeing;
        this.snapshots = snapshots;
        this.meters = meters;
        this.progress = progress;
        this.ends = ends;
        this.clock = clock;
    }

    public void accept(QueueEvent event) {
        publish(live.apply(event));
        wellbeing.after(event);
        snapshots.changed();
    }

    /**
     * Live state is lost now (the link dropped, or events were dropped): routing and the console stop trusting
     * the live model at once, from whatever thread notices, instead of after the events already queued.
     * Returns the new loss count.
     */
    public long liveStateLost() {
        long n = live.liveStateLost();
        snapshots.changed();
        return n;
    }

    /** The loss count now; a link session notes it before it resyncs, for {@link #acceptResync}. */
    public long losses() {
        return live.losses();
    }

    /** A resync taken by a link session that began when {@link #losses()} was {@code lossesBefore}. */
    public void acceptResync(QueueEvent.QueuesResynced event, long lossesBefore) {
        publish(live.resynced(event, lossesBefore));
        wellbeing.after(event);
        snapshots.changed();
    }

    /** Once a second: timeouts past their grace, rests due to end, meters of new lines. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        List<CallProgress> expired = live.expireLeaves(Instant.now(clock));
        if (!expired.isEmpty()) {
            publish(List.copyOf(expired));
            snapshots.changed();
        }
        wellbeing.endDueRests();
        lines.all().forEach(l -> meters.ensureLine(l.code()));
    }

    private void publish(List<? extends CallUpdate> updates) {
        for (CallUpdate update : updates) {
            if (update instanceof CallEnded end) {
                ends.fireAsync(end, NotificationOptions.ofExecutor(delivery));
                continue;
            }
            CallProgress p = (CallProgress) update;
            CallProgress named = p.listenerId() == null ? p : new CallProgress(p.callId(), p.queue(), p.stage(), p.at(),
                    listeners.byEndpoint(p.listenerId()).map(ListenerView::id).map(String::valueOf).orElse(p.listenerId()),
                    p.waitSeconds(), p.talkSeconds());
            for (LineView line : lines.linesOf(p.queue())) {
                meters.record(named, line);
            }
            progress.fireAsync(named, NotificationOptions.ofExecutor(delivery));
        }
    }
}
