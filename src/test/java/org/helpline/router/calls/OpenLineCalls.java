package org.helpline.router.calls;

import org.helpline.router.calls.SuiteCall.Waited;
import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp;
import org.helpline.router.calls.rig.Sipp.CallerScript;
import org.helpline.router.calls.rig.Sipp.SipPhone;
import org.helpline.router.support.CallerNumberForms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.helpline.router.calls.Heard.CRISIS_INTRO;
import static org.helpline.router.calls.Heard.NOTICE;
import static org.helpline.router.calls.Heard.NO_LISTENER;
import static org.helpline.router.calls.Heard.OVERLOAD;
import static org.helpline.router.calls.Heard.PRESS_1_WHILE_WAITING;
import static org.helpline.router.calls.Heard.QUEUE_TIMEOUT;
import static org.helpline.router.calls.Heard.SAY_15;
import static org.helpline.router.calls.Heard.SAY_3114;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls to an open line: answered, rung out, given up, timed out, overloaded, nobody logged in. */
final class OpenLineCalls {

    private OpenLineCalls() {
    }

    /** A listener on the line, logged in, with a phone that answers after {@code answerAfter}. */
    record OnDuty(SipPhone phone, long listenerId, Sipp.Run run) {
        String endpoint() {
            return "PJSIP/" + phone.username();
        }
    }

    static OnDuty onDuty(CallRig rig, SuiteLine line, Duration answerAfter) throws Exception {
        return onDuty(rig, line, phone -> rig.sipp.answer(phone, answerAfter));
    }

    interface PhoneBehaviour {
        Sipp.Run start(SipPhone phone) throws Exception;
    }

    /** A listener on the line, logged in, whose phone behaves as given. */
    static OnDuty onDuty(CallRig rig, SuiteLine line, PhoneBehaviour behaviour) throws Exception {
        SipPhone phone = rig.phone();
        rig.sipp.register(phone);
        Sipp.Run run = behaviour.start(phone);
        long id = SuiteLines.listener(rig, phone, line.code());
        SuiteLines.logIn(rig, id);
        Heard.awaitListenerState(rig, line.code(), "PJSIP/" + phone.username(), "AVAILABLE", Duration.ofSeconds(20));
        return new OnDuty(phone, id, run);
    }

    /** The caller hears the notice, waits, a listener's phone rings (shown RINGING), they answer and talk. */
    static void answeredByAListener(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "answered", Map.of());
        OnDuty listener = onDuty(rig, line, Duration.ofSeconds(3));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(36)));
        call.hears(List.of(NOTICE), Heard.NOTICE_HEARD);
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING), Heard.IN_QUEUE);
        Heard.awaitListenerState(rig, line.code(), listener.endpoint(), "RINGING", Heard.IN_QUEUE);
        Heard.awaitListenerState(rig, line.code(), listener.endpoint(), "IN_CALL", Duration.ofSeconds(10));
        assertTrue(Heard.anyStartsWith(call.heardSoFar(), Heard.queue(line.queue())), call.heardSoFar().toString());

        assertTrue(call.ended(Duration.ofSeconds(60)), "the caller's SIP dialog ends cleanly");
        call.heardTheNoticeOnce(NOTICE);
        Map<String, String> row = call.journalled("ANSWERED", Waited.inQueue(2, 8)); // the phone rang 3 s
        assertEquals(String.valueOf(listener.listenerId()), row.get("listener_id"));
        assertEquals(1, SuiteCall.intOf(row, "listeners_rung"));

        // What the listener's phone received: no form of the caller's number, "anonymous" instead.
        String invite = firstInvite(listener.run().messages());
        assertTrue(invite.toLowerCase().contains("anonymous"), "the phone shows anonymous");
        assertEquals(List.of(), CallerNumberForms.foundIn(invite, SuiteLines.callersE164()),
                "no caller number reaches the listener's phone");
    }

    /** Twin: the only listener lets it ring out; Asterisk pauses them and the caller gets the crisis numbers. */
    static void listenerLetsItRingOut(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "ring-out", Map.of());
        OnDuty listener = onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(90)));
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING), Heard.IN_QUEUE);
        Heard.awaitListenerState(rig, line.code(), listener.endpoint(), "RINGING", Duration.ofSeconds(15));
        call.hears(List.of(NOTICE, NO_LISTENER, CRISIS_INTRO, SAY_3114, SAY_15), Duration.ofSeconds(45));
        Heard.awaitListenerState(rig, line.code(), listener.endpoint(), "PAUSED", Duration.ofSeconds(10));

        assertTrue(call.ended(Duration.ofSeconds(60)));
        call.heardTheNoticeOnce(NOTICE);
        // In the queue while the phone rang (the queue's 15-s ring timeout), until it emptied under the caller.
        Map<String, String> row = call.journalled("NO_LISTENER", Waited.inQueue(13, 22));
        assertTrue(SuiteCall.intOf(row, "listeners_rung") >= 1, "the listener was rung");
        assertEquals("t", row.get("crisis_heard"), "the caller stayed until every crisis number was said");
    }

    /** The caller hangs up while the notice plays: they left before reaching the queue. */
    static void callerHangsUpDuringTheNotice(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "left-notice", Map.of());
        onDuty(rig, line, Duration.ofSeconds(2));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(6)));
        call.hears(List.of(NOTICE), Heard.NOTICE_HEARD);
        assertTrue(call.ended(Duration.ofSeconds(30)));
        assertFalse(Heard.anyStartsWith(call.heardSoFar(), "Queue("), "never reached the queue");
        call.heardTheNoticeOnce(NOTICE);
        call.journalled("LEFT_DURING_NOTICE", Waited.never());
    }

    /** The caller waits in the queue while a phone rings, then gives up: abandoned, with their wait. */
    static void callerHangsUpWhileWaiting(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "abandon", Map.of());
        onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(36)));
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING), Heard.IN_QUEUE);
        liveViewShowsTheCallerWaiting(rig, line, call);
        assertTrue(call.ended(Duration.ofSeconds(60)));
        LiveLine.await(rig, line.code(), l -> l.callersWaiting() == 0, Duration.ofSeconds(5),
                "no caller waiting once the caller hung up");
        call.heardTheNoticeOnce(NOTICE);
        call.journalled("ABANDONED", Waited.inQueue(6, 12)); // about 10 s in the queue
    }

    /**
     * The line's maximum wait passes while the only listener's phone rings unanswered (on a queue that does not
     * pause ring-outs): the caller is told and gets the crisis numbers.
     */
    static void maximumWaitReached(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "max-wait", Map.of("maxWaitSeconds", 10,
                "queue", rig.queueWithoutAutopause(1)));
        onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(90)));
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING), Heard.IN_QUEUE);
        liveViewShowsTheCallerWaiting(rig, line, call);
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING, QUEUE_TIMEOUT), Duration.ofSeconds(30));
        LiveLine.await(rig, line.code(), l -> l.callersWaiting() == 0, Duration.ofSeconds(5),
                "no caller waiting once the maximum wait took the caller out of the queue");
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING, QUEUE_TIMEOUT, CRISIS_INTRO, SAY_3114, SAY_15),
                call.leftOf(Duration.ofSeconds(75)));
        assertTrue(call.ended(Duration.ofSeconds(60)));
        call.heardTheNoticeOnce(NOTICE);
        call.journalled("TIMED_OUT", Waited.inQueue(9, 12)); // the line's 10 s
    }

    /** One caller waits (the line takes one at most); the next one is told the wait would be too long. */
    static void overloadedLine(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "overload",
                Map.of("rules", Map.of("maxWaitingCallers", 1)));
        onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall first = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(34)));
        first.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING), Heard.IN_QUEUE);
        first.when(e -> e.is("QueueCallerJoin"), Duration.ofSeconds(10), "the first caller joins the queue");
        LiveLine.await(rig, line.code(), l -> l.callersWaiting() == 1, Duration.ofSeconds(5),
                "the queue at its limit of one waiting caller");
        SuiteCall second = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(60)));
        second.hears(List.of(NOTICE), Heard.NOTICE_HEARD); // decided: overload, told after the notice
        LiveLine shown = LiveLine.now(rig.service, line.code());
        assertEquals(1, shown.callersWaiting(), "the queue stays at its limit, the second caller not in it: " + shown);
        second.hears(List.of(NOTICE, OVERLOAD, CRISIS_INTRO, SAY_3114, SAY_15), second.leftOf(Heard.CRISIS_SAID));
        assertTrue(first.ended(Duration.ofSeconds(60)));
        assertTrue(second.ended(Duration.ofSeconds(60)));
        second.heardTheNoticeOnce(NOTICE);
        first.heardTheNoticeOnce(NOTICE);
        second.journalled("OVERLOAD", Waited.never());
        first.journalled("ABANDONED", Waited.inQueue(5, 16));
    }

    /** Open, but nobody is logged in: the notice, then the crisis numbers. */
    static void nobodyLoggedIn(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "no-listener", Map.of("crisisTransfer", false));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(70)));
        call.hears(List.of(NOTICE, NO_LISTENER), Duration.ofSeconds(35));
        LiveLine shown = LiveLine.now(rig.service, line.code());
        assertTrue(shown.liveStateKnown(), "the live state is known (else the caller would have been queued): " + shown);
        assertEquals(0, shown.listenersIn("AVAILABLE"), "no available listener: " + shown);
        assertEquals(0, shown.listeners(), "nobody logged in on the line: " + shown);
        assertEquals(0, shown.callersWaiting(), "the caller is not shown waiting: " + shown);
        List<String> heard = call.hears(List.of(NOTICE, NO_LISTENER, CRISIS_INTRO, SAY_3114, SAY_15, Heard.GOODBYE),
                call.leftOf(Heard.CRISIS_SAID));
        assertFalse(Heard.anyStartsWith(heard, "Queue("), "not queued: " + heard);
        assertTrue(call.ended(Duration.ofSeconds(60)), "Asterisk ends the call after goodbye");
        call.heardTheNoticeOnce(NOTICE);
        Map<String, String> row = call.journalled("NO_LISTENER", Waited.never());
        assertEquals("t", row.get("crisis_heard"));
        assertEquals("0", row.get("listeners_rung"));
    }

    /**
     * While the caller waits in the line's queue, the live view shows one caller waiting and, as the longest wait,
     * the time since AMI saw them join.
     */
    static void liveViewShowsTheCallerWaiting(CallRig rig, SuiteLine line, SuiteCall call) {
        Instant joined = call.joinedQueue(Heard.IN_QUEUE);
        LiveLine shown = LiveLine.await(rig, line.code(), l -> l.callersWaiting() == 1 && l.longestWaitSeconds() >= 3,
                Duration.ofSeconds(8), "one caller waiting for 3 s or more");
        double since = Duration.between(joined, Instant.now()).toMillis() / 1000.0;
        assertTrue(shown.longestWaitSeconds() >= since - 2 && shown.longestWaitSeconds() <= since + 1,
                "the longest wait shown is the caller's " + since + " s in the queue: " + shown);
    }

    /** The first INVITE in a SIPp message log. */
    static String firstInvite(String messages) {
        int start = messages.indexOf("INVITE sip:");
        assertTrue(start >= 0, "the phone received an INVITE");
        int end = messages.indexOf("\n\n", start);
        return messages.substring(start, end < 0 ? messages.length() : end);
    }
}
