package org.helpline.router.routing;

import org.helpline.router.lines.LineView;
import org.helpline.router.schedule.LineStatus;
import org.helpline.router.schedule.OpeningHours;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The routing decision: a pure function of a line's configuration, the live load of its queue and the instant
 * of the call. In order: an unknown line, a closed line, nobody logged in, too many callers or too long a wait;
 * otherwise, and whenever the live state is unknown, the call is queued, because turning a caller away on
 * missing information is worse than letting Asterisk's queue time out into the crisis message.
 */
public final class RouteDecider {

    private RouteDecider() {
    }

    /**
     * Decides the route of a call.
     *
     * @param line the line called, or null when the dialled number matched none
     * @param load the live load of the line's queue; empty when unknown
     * @param at   when the call arrives
     */
    public static RouteDecision decide(LineView line, Optional<QueueLoad> load, Instant at) {
        if (line == null) {
            return new RouteDecision(RouteAction.UNKNOWN_LINE, null, null);
        }
        LineStatus status = OpeningHours.evaluate(line.schedule(), at);
        if (!status.open()) {
            return new RouteDecision(RouteAction.CLOSED, line, status.nextChange());
        }
        if (load.isEmpty()) {
            return new RouteDecision(RouteAction.QUEUE, line, null);
        }
        QueueLoad live = load.get();
        if (live.listenersLoggedIn() <= 0) {
            return new RouteDecision(RouteAction.NO_LISTENER, line, null);
        }
        if (live.callersWaiting() >= line.rules().maxWaitingCallers() || waitTooLong(live, line)) {
            return new RouteDecision(RouteAction.OVERLOAD, line, null);
        }
        return new RouteDecision(RouteAction.QUEUE, line, null);
    }

    private static boolean waitTooLong(QueueLoad live, LineView line) {
        Duration wait = live.estimatedWait();
        return wait != null && wait.compareTo(Duration.ofSeconds(line.maxWaitSeconds())) > 0;
    }
}
