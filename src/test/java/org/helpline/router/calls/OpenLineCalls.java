package org.helpline.router.calls;

import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp;
import org.helpline.router.calls.rig.Sipp.CallerScript;
import org.helpline.router.calls.rig.Sipp.SipPhone;
import org.helpline.router.support.CallerNumberForms;

import java.time.Duration;
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
        Map<String, String> row = call.journalled("ANSWERED");
        int wait = SuiteCall.intOf(row, "wait_seconds");
        assertTrue(wait >= 2 && wait <= 8, "waited about the 3 s the phone rang: " + wait);
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
        Map<String, String> row = call.journalled("NO_LISTENER");
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
        Map<String, String> row = call.journalled("LEFT_DURING_NOTICE");
        assertEquals("0", row.get("wait_seconds"));
    }

    /** The caller waits in the queue while a phone rings, then gives up: abandoned, with their wait. */
    static void callerHangsUpWhileWaiting(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "abandon", Map.of());
        onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(36)));
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING), Heard.IN_QUEUE);
        assertTrue(call.ended(Duration.ofSeconds(60)));
        Map<String, String> row = call.journalled("ABANDONED");
        int wait = SuiteCall.intOf(row, "wait_seconds");
        assertTrue(wait >= 6 && wait <= 12, "waited about 10 s in the queue: " + wait);
    }

    /**
     * The line's maximum wait passes while the only listener's phone rings unanswered (on a queue that does not
     * pause ring-outs): the caller is told and gets the crisis numbers.
     */
    static void maximumWaitReached(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "max-wait", Map.of("maxWaitSeconds", 10,
                "queue", rig.queueWithoutAutopause()));
        onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(90)));
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING, QUEUE_TIMEOUT, CRISIS_INTRO, SAY_3114, SAY_15),
                Duration.ofSeconds(75));
        assertTrue(call.ended(Duration.ofSeconds(60)));
        Map<String, String> row = call.journalled("TIMED_OUT");
        int wait = SuiteCall.intOf(row, "wait_seconds");
        assertTrue(wait >= 9 && wait <= 12, "waited the line's 10 s: " + wait);
    }

    /** One caller waits (the line takes one at most); the next one is told the wait would be too long. */
    static void overloadedLine(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "overload",
                Map.of("rules", Map.of("maxWaitingCallers", 1)));
        onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall first = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(34)));
        first.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING), Heard.IN_QUEUE);
        first.when(e -> e.is("QueueCallerJoin"), Duration.ofSeconds(10), "the first caller joins the queue");
        SuiteCall second = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(60)));
        second.hears(List.of(NOTICE, OVERLOAD, CRISIS_INTRO, SAY_3114, SAY_15), Heard.CRISIS_SAID);
        assertTrue(first.ended(Duration.ofSeconds(60)));
        assertTrue(second.ended(Duration.ofSeconds(60)));
        second.journalled("OVERLOAD");
        first.journalled("ABANDONED");
    }

    /** Open, but nobody is logged in: the notice, then the crisis numbers. */
    static void nobodyLoggedIn(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "no-listener", Map.of("crisisTransfer", false));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(70)));
        List<String> heard = call.hears(List.of(NOTICE, NO_LISTENER, CRISIS_INTRO, SAY_3114, SAY_15, Heard.GOODBYE),
                Heard.CRISIS_SAID);
        assertFalse(Heard.anyStartsWith(heard, "Queue("), "not queued: " + heard);
        assertTrue(call.ended(Duration.ofSeconds(60)), "Asterisk ends the call after goodbye");
        Map<String, String> row = call.journalled("NO_LISTENER");
        assertEquals("t", row.get("crisis_heard"));
        assertEquals("0", row.get("listeners_rung"));
    }

    /** The first INVITE in a SIPp message log. */
    static String firstInvite(String messages) {
        int start = messages.indexOf("INVITE sip:");
        assertTrue(start >= 0, "the phone received an INVITE");
        int end = messages.indexOf("\n\n", start);
        return messages.substring(start, end < 0 ? messages.length() : end);
    }
}
