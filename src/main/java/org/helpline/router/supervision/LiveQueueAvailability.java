package org.helpline.router.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.lines.LineRules;
import org.helpline.router.routing.QueueAvailability;
import org.helpline.router.routing.QueueLoad;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Queue load for routing, from the live model; empty while AMI is down or not resynchronised. A queue
 * Asterisk did not report has no listener. The estimated wait of a new caller at position {@code p}
 * (callers waiting + 1) is zero when a listener is free for them, otherwise
 * {@code averageTalk × (p − available) / serving}, where serving counts listeners available, ringing, in a
 * call or in wrap-up, and averageTalk is today's mean talk time (or {@code default-talk-time}); with nobody
 * serving it is {@link #NOBODY_SERVING}.
 */
@ApplicationScoped
public class LiveQueueAvailability implements QueueAvailability {

    /** The estimate when every listener is paused or unreachable: longer than any line's maximum wait. */
    static final Duration NOBODY_SERVING = Duration.ofHours(24);

    private final LiveQueues live;
    private final QueueLines lines;
    private final SupervisionConfig config;
    private final Clock clock;

    LiveQueueAvailability(LiveQueues live, QueueLines lines, SupervisionConfig config, Clock clock) {
        this.live = live;
        this.lines = lines;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Optional<QueueLoad> load(String queue) {
        if (!live.known()) {
            // Checked before the copy: a loss signalled a moment ago counts even if its events still queue.
            return Optional.empty();
        }
        LiveView view = live.view();
        if (!view.known()) {
            return Optional.empty();
        }
        LiveView.QueueView q = view.queues().get(queue);
        if (q == null) {
            return Optional.of(new QueueLoad(0, 0, 0, NOBODY_SERVING));
        }
        LineRules.Rules rules = lines.rulesOf(queue);
        Instant now = Instant.now(clock);
        int loggedIn = 0;
        int available = 0;
        int serving = 0;
        for (LiveView.Member m : q.members()) {
            ListenerState s = MemberBook.state(m, rules, now);
            loggedIn += s == ListenerState.UNREACHABLE ? 0 : 1;
            available += s == ListenerState.AVAILABLE ? 1 : 0;
            serving += s == ListenerState.PAUSED || s == ListenerState.UNREACHABLE ? 0 : 1;
        }
        int waiting = q.callers().size();
        return Optional.of(new QueueLoad(loggedIn, available, waiting, estimate(waiting + 1, available, serving, q.today())));
    }

    static Duration estimate(int position, int available, int serving, LiveView.DayCounts today, Duration defaultTalk) {
        if (available >= position) {
            return Duration.ZERO;
        }
        if (serving == 0) {
            return NOBODY_SERVING;
        }
        Duration talk = today.talkCount() == 0 ? defaultTalk : Duration.ofSeconds(today.talkSecondsTotal() / today.talkCount());
        return talk.multipliedBy(position - available).dividedBy(serving);
    }

    private Duration estimate(int position, int available, int serving, LiveView.DayCounts today) {
        return estimate(position, available, serving, today, config.defaultTalkTime());
    }
}
