package org.helpline.router.supervision;

import org.helpline.router.lines.LineRules;
import org.helpline.router.supervision.QueueEvent.Device;
import org.helpline.router.supervision.QueueEvent.MemberStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listener states, wellbeing warnings and the wait estimate: pure functions. */
class MemberBookTest {

    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    static final LineRules.Rules RULES = new LineRules().toValue();

    @Test
    void stateFollowsDeviceThenPauseThenWrapUp() {
        LiveView.Member free = MemberBook.merge(null, status(Device.FREE, false), T0);
        assertEquals(ListenerState.AVAILABLE, MemberBook.state(free, RULES, T0));
        LiveView.Member pausedInCall = MemberBook.merge(free, new MemberStatus("PJSIP/l1", "L1", Device.IN_USE, true,
                "cafe", null, null, 0), T0);
        assertEquals(ListenerState.IN_CALL, MemberBook.state(pausedInCall, RULES, T0), "the pause applies after the call");
        LiveView.Member paused = MemberBook.merge(pausedInCall, new MemberStatus("PJSIP/l1", "L1", Device.FREE, true,
                "cafe", null, null, 0), T0.plusSeconds(5));
        assertEquals(ListenerState.PAUSED, MemberBook.state(paused, RULES, T0));
        assertEquals(T0, paused.pausedSince());
        LiveView.Member unreachable = MemberBook.merge(paused, new MemberStatus("PJSIP/l1", "L1", Device.UNREACHABLE, true,
                "cafe", null, null, 0), T0);
        assertEquals(ListenerState.UNREACHABLE, MemberBook.state(unreachable, RULES, T0));
        LiveView.Member justDone = new LiveView.Member("PJSIP/l1", "L1", Device.FREE, false, null, null, null, T0, 1, T0);
        assertEquals(ListenerState.WRAP_UP, MemberBook.state(justDone, RULES, T0.plusSeconds(RULES.wrapUpSeconds() - 1)));
        assertEquals(ListenerState.AVAILABLE, MemberBook.state(justDone, RULES, T0.plusSeconds(RULES.wrapUpSeconds())));
    }

    @Test
    void breakIsDueAfterTooManyCallsOrTooLongAndAPauseResetsIt() {
        LiveView.Member fresh = MemberBook.merge(null, status(Device.FREE, false), T0);
        assertFalse(MemberBook.breakDue(fresh, RULES, T0.plus(Duration.ofMinutes(RULES.breakReminderMinutes() - 1))));
        assertTrue(MemberBook.breakDue(fresh, RULES, T0.plus(Duration.ofMinutes(RULES.breakReminderMinutes()))));
        LiveView.Member busy = new LiveView.Member("PJSIP/l1", "L1", Device.FREE, false, null, null, null, T0,
                RULES.breakReminderCalls(), T0);
        assertTrue(MemberBook.breakDue(busy, RULES, T0));
        LiveView.Member rested = MemberBook.merge(busy, status(Device.FREE, true), T0);
        assertEquals(0, rested.callsSinceBreak());
        LiveView.Member back = MemberBook.merge(rested, status(Device.FREE, false), T0.plusSeconds(600));
        assertFalse(MemberBook.breakDue(back, RULES, T0.plusSeconds(601)));
        assertEquals(T0.plusSeconds(600), back.workingSince());
    }

    @Test
    void waitEstimate() {
        LiveView.DayCounts noCalls = LiveView.DayCounts.empty(java.time.LocalDate.of(2026, 11, 24));
        Duration talk = Duration.ofMinutes(10);
        assertEquals(Duration.ZERO, LiveQueueAvailability.estimate(1, 1, 1, noCalls, talk));
        assertEquals(LiveQueueAvailability.NOBODY_SERVING, LiveQueueAvailability.estimate(1, 0, 0, noCalls, talk));
        assertEquals(Duration.ofMinutes(15), LiveQueueAvailability.estimate(3, 0, 2, noCalls, talk));
        LiveView.DayCounts shortCalls = new LiveView.DayCounts(noCalls.day(), 2, 2, 0, 0, 0, 2, 240, 2);
        assertEquals(Duration.ofMinutes(2), LiveQueueAvailability.estimate(1, 0, 1, shortCalls, talk));
    }

    private static MemberStatus status(Device device, boolean paused) {
        return new MemberStatus("PJSIP/l1", "L1", device, paused, paused ? "cafe" : null, null, T0, 0);
    }
}
