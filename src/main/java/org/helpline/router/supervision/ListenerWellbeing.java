package org.helpline.router.supervision;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.lines.LineRules;
import org.helpline.router.listeners.QueueMembership;
import org.helpline.router.platform.InstanceDuty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The listener rules that act: a listener who lets a call ring out is paused ("no answer") unless Asterisk's
 * own autopause already did; a call longer than the line's threshold is followed by a rest (a pause with the
 * rest reason), which this class ends once the line's rest time has passed since the pause began. AMI
 * commands run on a separate thread, never on the event worker.
 */
@ApplicationScoped
public class ListenerWellbeing {

    private static final Logger LOG = Logger.getLogger(ListenerWellbeing.class);

    private final LiveQueues live;
    private final QueueLines lines;
    private final QueueMembership membership;
    private final SupervisionConfig config;
    private final InstanceDuty duty;
    private final Clock clock;
    private final ScheduledExecutorService commands = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "listener-wellbeing");
        t.setDaemon(true);
        return t;
    });
    /** Resumes sent and when, so a rest is not ended twice while Asterisk confirms. */
    private final Map<String, Instant> resumesSent = new ConcurrentHashMap<>();

    ListenerWellbeing(LiveQueues live, QueueLines lines, QueueMembership membership, SupervisionConfig config,
                      InstanceDuty duty, Clock clock) {
        this.duty = duty;
        this.live = live;
        this.lines = lines;
        this.membership = membership;
        this.config = config;
        this.clock = clock;
    }

    void onStop(@Observes ShutdownEvent event) {
        commands.shutdownNow();
    }

    /**
     * Reacts to an event already applied to the live model. With several instances on one Asterisk, only the one
     * holding the duty acts ({@link InstanceDuty}): a listener is paused once.
     */
    void after(QueueEvent event) {
        if (!duty.holds()) {
            return;
        }
        if (event instanceof QueueEvent.MemberRingNoAnswer e && config.pauseOnNoAnswer()) {
            commands.schedule(() -> pauseIfStillFree(e.queue(), e.endpoint()), config.noAnswerGrace().toMillis(),
                    TimeUnit.MILLISECONDS);
        } else if (event instanceof QueueEvent.MemberCompleted e) {
            LineRules.Rules rules = lines.rulesOf(e.queue());
            if (e.talkSeconds() >= rules.longCallMinutes() * 60L) {
                commands.execute(() -> pauseEverywhere(e.endpoint(), config.longCallRestReason()));
            }
        }
    }

    /** Ends rests after long calls whose time is up (on the instance holding the duty). */
    void endDueRests() {
        if (!duty.holds()) {
            return;
        }
        Instant now = Instant.now(clock);
        resumesSent.values().removeIf(at -> at.isBefore(now.minusSeconds(10)));
        live.view().queues().values().forEach(q -> q.members().forEach(m -> {
            if (m.paused() && config.longCallRestReason().equals(m.pausedReason()) && m.pausedSince() != null
                    && !now.isBefore(m.pausedSince().plusSeconds(lines.rulesOf(q.queue()).restAfterLongCallSeconds()))
                    && resumesSent.putIfAbsent(q.queue() + "|" + m.endpoint(), now) == null) {
                commands.execute(() -> run(() -> membership.resume(q.queue(), m.endpoint()), "end the rest of"));
            }
        }));
    }

    private void pauseIfStillFree(String queue, String endpoint) {
        boolean paused = live.member(queue, endpoint).map(LiveView.Member::paused).orElse(true);
        if (!paused) {
            pauseEverywhere(endpoint, config.noAnswerReason());
        }
    }

    private void pauseEverywhere(String endpoint, String reason) {
        for (String queue : live.queuesOf(endpoint)) {
            run(() -> membership.pause(queue, endpoint, reason), "pause");
        }
    }

    private static void run(Runnable command, String what) {
        try {
            command.run();
        } catch (RuntimeException e) {
            LOG.warnf("Could not %s a listener: %s", what, e.getMessage());
        }
    }
}
