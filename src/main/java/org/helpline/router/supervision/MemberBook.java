package org.helpline.router.supervision;

import org.helpline.router.lines.LineRules;
import org.helpline.router.supervision.QueueEvent.Device;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The service's bookkeeping of a queue member: merges Asterisk's reports with what it remembers (when the
 * current pause or stretch of work began, calls since the last pause, end of the last call), and derives
 * the state coordinators see. Pure functions.
 */
final class MemberBook {

    private MemberBook() {
    }

    /** The member after a status report; {@code before} is null for a member not seen yet (or at resync). */
    static LiveView.Member merge(LiveView.Member before, QueueEvent.MemberStatus s, Instant at) {
        Device device = s.device();
        if (before == null) {
            Instant pausedSince = s.paused() ? (s.lastPause() != null ? s.lastPause() : at) : null;
            Instant working = s.paused() ? null : latest(s.loginTime(), s.lastPause(), at);
            return new LiveView.Member(s.endpoint(), s.name(), device, s.paused(), s.pausedReason(), pausedSince,
                    device == Device.IN_USE ? at : null, null, 0, working);
        }
        boolean pausing = s.paused() && !before.paused();
        boolean resuming = !s.paused() && before.paused();
        Instant pausedSince = s.paused() ? (pausing ? at : before.pausedSince()) : null;
        Instant working = s.paused() ? null : resuming ? at : before.workingSince();
        int calls = pausing ? 0 : before.callsSinceBreak();
        Instant callStart = device == Device.IN_USE ? (before.callStartedAt() != null ? before.callStartedAt() : at) : null;
        return new LiveView.Member(s.endpoint(), s.name() != null ? s.name() : before.name(), device, s.paused(),
                s.paused() ? s.pausedReason() : null, pausedSince, callStart, before.lastCompletedAt(), calls, working,
                before.ringingFor());
    }

    /** At resync, a call in progress started when the member's channel was created. */
    static LiveView.Member withChannels(LiveView.Member m, List<QueueEvent.ChannelStatus> channels, Instant at) {
        if (m.device() != Device.IN_USE) {
            return m;
        }
        return channels.stream().filter(c -> c.channel() != null && c.channel().startsWith(m.endpoint() + "-"))
                .findFirst()
                .map(c -> new LiveView.Member(m.endpoint(), m.name(), m.device(), m.paused(), m.pausedReason(),
                        m.pausedSince(), at.minusSeconds(c.durationSeconds()), m.lastCompletedAt(), m.callsSinceBreak(),
                        m.workingSince(), m.ringingFor()))
                .orElse(m);
    }

    /**
     * What coordinators see: a device problem first, then ringing (the queue's own word, which device state
     * reports as busy), a call, a pause, wrap-up, free.
     */
    static ListenerState state(LiveView.Member m, LineRules.Rules rules, Instant now) {
        if (m.device() == Device.UNREACHABLE) {
            return ListenerState.UNREACHABLE;
        }
        if (m.ringingFor() != null) {
            return ListenerState.RINGING;
        }
        if (m.device() == Device.IN_USE) {
            return ListenerState.IN_CALL;
        }
        if (m.device() == Device.RINGING) {
            return ListenerState.RINGING;
        }
        if (m.paused()) {
            return ListenerState.PAUSED;
        }
        if (m.lastCompletedAt() != null && rules != null
                && now.isBefore(m.lastCompletedAt().plusSeconds(rules.wrapUpSeconds()))) {
            return ListenerState.WRAP_UP;
        }
        return ListenerState.AVAILABLE;
    }

    /** Whether coordinators should suggest a break: too long or too many calls since the last pause. */
    static boolean breakDue(LiveView.Member m, LineRules.Rules rules, Instant now) {
        if (rules == null || m.paused()) {
            return false;
        }
        boolean tooLong = m.workingSince() != null
                && Duration.between(m.workingSince(), now).toMinutes() >= rules.breakReminderMinutes();
        return tooLong || m.callsSinceBreak() >= rules.breakReminderCalls();
    }

    private static Instant latest(Instant a, Instant b, Instant fallback) {
        Instant best = a;
        if (b != null && (best == null || b.isAfter(best))) {
            best = b;
        }
        return best != null ? best : fallback;
    }
}
