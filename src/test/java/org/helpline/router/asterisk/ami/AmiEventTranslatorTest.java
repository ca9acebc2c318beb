package org.helpline.router.asterisk.ami;

import org.helpline.router.supervision.QueueEvent;
import org.helpline.router.support.AmiTranscript;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Asterisk 22 captures through the translator: the right domain events, and never a caller number. */
class AmiEventTranslatorTest {

    static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");
    final AmiEventTranslator translator = new AmiEventTranslator();

    @Test
    void answeredCallWithChannelVariables() {
        List<QueueEvent> events = translate(AmiTranscript.load("ami-answered-chanvars.txt").events());
        List<String> kinds = events.stream().filter(e -> !(e instanceof QueueEvent.CallIdentified))
                .map(e -> e.getClass().getSimpleName()).toList();
        assertEquals(List.of("MemberUpdated", "CallerJoined", "MemberRinging", "MemberUpdated", "MemberUpdated",
                "CallerLeft", "MemberConnected", "MemberCompleted", "MemberUpdated"), kinds);
        QueueEvent.CallerJoined joined = (QueueEvent.CallerJoined) events.stream()
                .filter(e -> e instanceof QueueEvent.CallerJoined).findFirst().orElseThrow();
        assertEquals("1e9441c9-cc2b-435b-a664-2dfc78fd36c5", joined.callId());
        assertEquals("1795418707.0", joined.uniqueid());
        QueueEvent.MemberCompleted done = (QueueEvent.MemberCompleted) events.stream()
                .filter(e -> e instanceof QueueEvent.MemberCompleted).findFirst().orElseThrow();
        assertEquals(4, done.talkSeconds());
        assertEquals("PJSIP/listener1", done.endpoint());
        assertFalse(events.toString().contains("0612345678"), "no caller number in any domain event");
    }

    @Test
    void queueStatusOfAQueueWithAWaitingCaller() {
        AmiTranscript t = AmiTranscript.load("ami-queuestatus-midcall.txt");
        QueueEvent.QueuesResynced r = translator.resynced(t.queueStatusItems().stream().map(this::message).toList(), AT);
        QueueEvent.QueueStatus q = r.queues().get(0);
        assertEquals("ecoute", q.queue());
        assertEquals(2, q.members().size());
        assertTrue(q.members().get(0).paused());
        assertEquals("Auto-Pause", q.members().get(0).pausedReason());
        assertEquals(QueueEvent.Device.FREE, q.members().get(0).device());
        assertEquals(1, q.callers().size());
        assertEquals(3, q.callers().get(0).waitSeconds());
        assertFalse(r.toString().contains("0612345678"));
    }

    @Test
    void unreachableMemberAndUnknownOrBrokenEvents() {
        List<QueueEvent> events = translate(AmiTranscript.load("ami-member-unreachable.txt").events());
        QueueEvent.MemberUpdated added = (QueueEvent.MemberUpdated) events.get(0);
        assertEquals(QueueEvent.Device.UNREACHABLE, added.member().device());
        assertTrue(translate(List.of("Event: SomethingNew\nFoo: bar", "Event: QueueCallerJoin\nPosition: x",
                "no colon here", "Event: AgentConnect\nQueue: q")).isEmpty());
    }

    private List<QueueEvent> translate(List<String> blocks) {
        return blocks.stream().flatMap(b -> translator.translate(message(b), AT).stream()).toList();
    }

    private AmiMessage message(String block) {
        return AmiMessage.parse(Arrays.asList(block.split("\n")));
    }
}
