package org.helpline.router.supervision;

import org.helpline.router.supervision.CallProgress.Stage;
import org.helpline.router.supervision.QueueEvent.CallerJoined;
import org.helpline.router.supervision.QueueEvent.CallerLeft;
import org.helpline.router.supervision.QueueEvent.Device;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live model fed event by event, with a fixed clock. */
class LiveQueuesTest {

    /** 2026-11-24 10:00 in Paris (UTC+1). */
    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    final LiveQueues live = new LiveQueues(new QueueLines(() -> List.of(SupervisionFixtures.line("ecoute",
            SupervisionFixtures.rules()))), SupervisionFixtures.config(), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

    @Test
    void leaveJustBeforeAgentConnectIsAnAnswerNotATimeout() {
        live.apply(new CallerJoined("ecoute", "u1", "call-1", 1, T0));
        live.apply(new CallerLeft("ecoute", "u1", "call-1", T0.plusSeconds(20)));
        List<CallUpdate> answered = live.apply(new QueueEvent.MemberConnected("ecoute", "PJSIP/l1", "u1", "call-1", 20,
                T0.plusSeconds(20)));
        assertEquals(Stage.ANSWERED, ((CallProgress) answered.get(0)).stage());
        assertTrue(live.expireLeaves(T0.plusSeconds(30)).isEmpty());
        assertEquals(1, counts().answered());
        assertEquals(1, counts().answeredWithinTarget());
    }

    @Test
    void leaveWithoutAnswerOrAbandonIsATimeoutOnceTheGraceHasPassed() {
        live.apply(new CallerJoined("ecoute", "u1", "call-1", 1, T0));
        live.apply(new CallerLeft("ecoute", "u1", null, T0.plusSeconds(40)));
        assertTrue(live.expireLeaves(T0.plusMillis(40_500)).isEmpty(), "still within the grace");
        List<CallProgress> out = live.expireLeaves(T0.plusSeconds(42));
        assertEquals(Stage.TIMED_OUT, out.get(0).stage());
        assertEquals("call-1", out.get(0).callId());
        assertEquals(40L, out.get(0).waitSeconds());
        assertEquals(1, counts().timedOut());
        assertEquals(0, counts().answeredWithinTarget());
    }

    @Test
    void abandonIsCountedOnceAndTheOthersMoveUp() {
        live.apply(new CallerJoined("ecoute", "u1", null, 1, T0));
        live.apply(new CallerJoined("ecoute", "u2", null, 2, T0.plusSeconds(5)));
        live.apply(new QueueEvent.CallerAbandoned("ecoute", "u1", null, 8, T0.plusSeconds(8)));
        live.apply(new CallerLeft("ecoute", "u1", null, T0.plusSeconds(8)));
        assertTrue(live.expireLeaves(T0.plusSeconds(60)).isEmpty());
        assertEquals(1, counts().abandoned());
        List<LiveView.Caller> waiting = live.view().queues().get("ecoute").callers();
        assertEquals(1, waiting.size());
        assertEquals(1, waiting.get(0).position());
    }

    @Test
    void callIdSeenOnAVariableIsCarriedByLaterEvents() {
        live.apply(new QueueEvent.CallIdentified("u9", "u9", "call-9"));
        List<CallUpdate> joined = live.apply(new CallerJoined("ecoute", "u9", null, 1, T0));
        assertEquals("call-9", ((CallProgress) joined.get(0)).callId());
        List<CallUpdate> unknown = live.apply(new CallerJoined("ecoute", "u10", null, 2, T0));
        assertNull(((CallProgress) unknown.get(0)).callId());
    }

    @Test
    void lostLinkEmptiesTheModelAndAResyncReplacesIt() {
        live.apply(new QueueEvent.QueuesResynced(List.of(new QueueEvent.QueueStatus("ecoute", List.of(),
                List.of(new QueueEvent.WaitingCaller("u1", 1, 30)))), T0));
        assertTrue(live.view().known());
        assertEquals(T0.minusSeconds(30), live.view().queues().get("ecoute").callers().get(0).joinedAt());
        live.apply(new QueueEvent.LiveStateLost(T0.plusSeconds(1)));
        assertFalse(live.view().known());
        assertTrue(live.view().queues().get("ecoute") == null || live.view().queues().get("ecoute").callers().isEmpty());
        live.apply(new QueueEvent.QueuesResynced(List.of(new QueueEvent.QueueStatus("ecoute", List.of(
                new QueueEvent.MemberStatus("PJSIP/l2", "L2", Device.FREE, false, null, null, null, 0)), List.of())), T0));
        assertEquals(1, live.view().queues().get("ecoute").members().size());
        assertTrue(live.view().queues().get("ecoute").callers().isEmpty());
    }

    @Test
    void countsBelongToTheServiceDayNotTheCalendarDay() {
        // 05:30 Paris on the 25th is still the service day of the 24th; 06:00 starts the next one.
        Instant nightShift = Instant.parse("2026-11-25T04:30:00Z");
        live.apply(new QueueEvent.CallerAbandoned("ecoute", "u1", null, 5, T0));
        live.apply(new QueueEvent.CallerAbandoned("ecoute", "u2", null, 5, nightShift));
        assertEquals(2, counts().abandoned(), "the night's abandon belongs to the evening's service day");
        live.apply(new QueueEvent.CallerAbandoned("ecoute", "u3", null, 5, Instant.parse("2026-11-25T05:00:00Z")));
        assertEquals(0, counts().abandoned(), "06:00 started a new service day: the 24th's figures are gone");
    }

    private LiveView.DayCounts counts() {
        return live.view().queues().get("ecoute").today();
    }


    @Test
    void lossIsKnownAtOnceAheadOfQueuedEventsAndOnlyALaterResyncRestoresTrust() {
        long session1 = live.losses();
        live.resynced(resync(), session1);
        assertTrue(live.known());
        assertTrue(live.view().known());

        // An overflow: the loss is signalled from the reader thread while the old events still wait in the queue.
        live.liveStateLost();
        assertFalse(live.known(), "unknown at once, before any queued event is applied");
        live.apply(new CallerJoined("ecoute", "u9", "call-9", 1, T0)); // a queued event of the dropped session
        live.resynced(resync(), session1);                               // and its own resync, applied late
        assertFalse(live.known(), "a resync taken before the loss does not restore trust");
        assertFalse(live.view().known());
        live.apply(new QueueEvent.LiveStateLost(T0));                    // the loss, in event order

        long session2 = live.losses();
        live.resynced(resync(), session2);
        assertTrue(live.known(), "a resync of the session after the loss does");
    }

    @Test
    void aResyncAppliedDirectlyIsTrustedUntilTheNextLoss() {
        live.apply(resync());
        assertTrue(live.known());
        live.liveStateLost();
        assertFalse(live.known());
    }

    private static QueueEvent.QueuesResynced resync() {
        return new QueueEvent.QueuesResynced(List.of(new QueueEvent.QueueStatus("ecoute", List.of(), List.of())), T0);
    }
}
