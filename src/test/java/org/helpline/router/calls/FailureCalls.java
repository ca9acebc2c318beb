package org.helpline.router.calls;

import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.AmiObserver;
import org.helpline.router.calls.rig.Baresip;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.CallerScript;
import org.helpline.router.calls.rig.Sipp.SipPhone;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.helpline.router.calls.Heard.CRISIS_INTRO;
import static org.helpline.router.calls.Heard.NOTICE;
import static org.helpline.router.calls.Heard.PRESS_1_WHILE_WAITING;
import static org.helpline.router.calls.Heard.SAY_112;
import static org.helpline.router.calls.Heard.SAY_15;
import static org.helpline.router.calls.Heard.SAY_3114;
import static org.helpline.router.calls.Heard.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform failing under the caller: the service killed, the service frozen with its socket open, Asterisk
 * restarted. Each runs alone (it disturbs the whole platform).
 */
final class FailureCalls {

    /** No caller waits in silence longer than this for a decision. */
    static final Duration MOST_SILENCE = Duration.ofSeconds(3);

    private FailureCalls() {
    }

    /**
     * The service is killed (SIGKILL): the caller gets the static safe path at once, with the generic notice even
     * though the line has its own recording; the service comes back by itself.
     */
    static void serviceKilledCallerGetsTheSafePath(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "killed", Map.of());
        LineMessageCalls.upload(rig, line, "notice", 2);
        rig.service.kill();
        SuiteCall call;
        try {
            call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(45)));
            assertSafePathWithin(call, MOST_SILENCE);
        } finally {
            rig.service.start();
        }
        call.hears(List.of(UNAVAILABLE, NOTICE, CRISIS_INTRO, SAY_3114, SAY_15, SAY_112), Duration.ofSeconds(50));
        assertTrue(call.ended(Duration.ofSeconds(60)));
        call.heardTheNoticeOnce(NOTICE);   // the generic one, not the line's own recording
        Map<String, String> row = call.journalled("FAILED");
        assertEquals(line.code(), row.get("line_code"), "the failed call is counted on its line");
    }

    /**
     * The service frozen (SIGSTOP: the kernel still accepts the FastAGI connection, nobody answers): the caller
     * gets the safe path within 3 s; when the service resumes, the call is journalled as failed.
     */
    static void serviceFrozenCallerGetsTheSafePathWithinThreeSeconds(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "frozen", Map.of());
        rig.service.freeze();
        SuiteCall call;
        try {
            call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(30)));
            assertSafePathWithin(call, MOST_SILENCE);
        } finally {
            rig.service.thaw();
        }
        call.hears(List.of(UNAVAILABLE, NOTICE), Duration.ofSeconds(30));
        assertTrue(call.ended(Duration.ofSeconds(60)));
        call.heardTheNoticeOnce(NOTICE);
        Map<String, String> row = call.journalled("FAILED");
        assertEquals(line.code(), row.get("line_code"));
        rig.service.awaitReady(Duration.ofSeconds(30));
    }

    /**
     * A listener dials *41 on a real softphone while the service is frozen (SIGSTOP, socket open): they hear
     * "unavailable" within 3 s instead of silence until they hang up. When the service resumes, the request the phone
     * gave up on reaches it and is not carried out (the listener is still logged out); then *41 logs them in (the
     * twin, with the service up, is {@code featureCodesFromARealSoftphone}).
     */
    static void serviceFrozenListenerHearsUnavailableWithinThreeSeconds(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "frozen-listener", Map.of());
        SipPhone phone = rig.phone();
        String endpoint = "PJSIP/" + phone.username();
        SuiteLines.listener(rig, phone, line.code());
        try (Baresip softphone = ListenerPhoneCalls.softphone(rig, phone)) {
            AmiObserver.Event dialled;
            rig.service.freeze();
            try {
                softphone.dial("*41");
                dialled = ListenerPhoneCalls.featureCodeCall(rig, phone, "*41", 1);
                String id = dialled.get("Uniqueid");
                AmiObserver.Event unavailable = rig.observer.await(e -> id.equals(e.get("Uniqueid"))
                                && isPlayback(e, "helpline/listener-unavailable"), Duration.ofSeconds(10),
                        "the listener hears that the service is unavailable");
                Duration silence = Duration.between(dialled.at(), unavailable.at());
                assertTrue(silence.compareTo(MOST_SILENCE) <= 0, "the listener waited " + silence + " in silence");
                softphone.awaitEvent("CALL_CLOSED", 1, Duration.ofSeconds(20));
            } finally {
                rig.service.thaw();
            }
            rig.service.awaitReady(Duration.ofSeconds(30));
            // The connection the kernel accepted for the frozen service is read now: refused, never carried out.
            String channel = dialled.get("Channel");
            awaitLogLine(rig, l -> l.contains("Feature code LOGIN") && (l.contains(channel + " refused")
                    || l.contains(endpoint + ": UNAVAILABLE")), Duration.ofSeconds(20));
            assertFalse(rig.asterisk.cli("queue show " + line.queue()).contains(endpoint), "still logged out");

            softphone.dial("*41");
            softphone.awaitEvent("CALL_CLOSED", 2, Duration.ofSeconds(20));
            assertTrue(ListenerPhoneCalls.heardOnPhone(rig, phone, "*41", 2).contains("Playback(helpline/listener-ok)"),
                    "logged in once the service is back");
            Heard.awaitListenerState(rig, line.code(), endpoint, "AVAILABLE", Duration.ofSeconds(10));
        }
    }

    /** Waits until the service's log has a line matching {@code match}. */
    private static void awaitLogLine(CallRig rig, java.util.function.Predicate<String> match, Duration limit)
            throws java.io.IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(rig.service.logFile(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (lines.anyMatch(match)) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no such line in " + rig.service.logFile() + " within " + limit);
            SuiteCall.sleep(200);
        }
    }

    /** Twin of both: with the service up, a call to the same kind of line is decided and queued. */
    static void serviceUpCallIsDecided(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "service-up", Map.of());
        OpenLineCalls.onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(4)));
        Instant answered = call.when(FailureCalls::answered, Duration.ofSeconds(10), "the call is answered");
        Instant notice = call.when(e -> isPlayback(e, "helpline/notice"), Duration.ofSeconds(10), "the notice starts");
        assertTrue(Duration.between(answered, notice).compareTo(Duration.ofMillis(1500)) < 0,
                "decided in well under a second and a half: " + Duration.between(answered, notice));
        assertTrue(call.ended(Duration.ofSeconds(30)));
        call.journalled("LEFT_DURING_NOTICE");
    }

    /**
     * Asterisk restarts in the middle of the run: the service logs in again and resyncs; the logged-in listener
     * is still a member (persisted by Asterisk) and takes the next call.
     */
    static void asteriskRestartKeepsListenersLoggedIn(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "ast-restart", Map.of());
        OpenLineCalls.OnDuty listener = OpenLineCalls.onDuty(rig, line, Duration.ofSeconds(2));
        Instant restarted = Instant.now();
        rig.asterisk.restart();
        rig.service.awaitAmiConnectedSince(restarted, Duration.ofSeconds(30));
        Heard.awaitListenerState(rig, line.code(), listener.endpoint(), "AVAILABLE", Duration.ofSeconds(30));
        assertTrue(rig.asterisk.cli("queue show " + line.queue()).contains(listener.endpoint()),
                "Asterisk still has the listener in the queue");
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(34)));
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING, Heard.queue(line.queue())), Heard.IN_QUEUE);
        Heard.awaitListenerState(rig, line.code(), listener.endpoint(), "IN_CALL", Duration.ofSeconds(10));
        assertTrue(call.ended(Duration.ofSeconds(60)));
        call.heardTheNoticeOnce(NOTICE);
        call.journalled("ANSWERED", SuiteCall.Waited.inQueue(1, 6));   // the phone answers after 2 s
    }

    static void assertSafePathWithin(SuiteCall call, Duration limit) {
        Instant answered = call.when(FailureCalls::answered, Duration.ofSeconds(15), "the call is answered");
        Instant safe = call.when(e -> isPlayback(e, "helpline/unavailable"), Duration.ofSeconds(15),
                "the safe path starts");
        Duration silence = Duration.between(answered, safe);
        assertTrue(silence.compareTo(limit) <= 0, "the caller waited " + silence + " in silence");
    }

    private static boolean answered(AmiObserver.Event e) {
        return e.is("Newexten") && "Answer".equals(e.get("Application"));
    }

    private static boolean isPlayback(AmiObserver.Event e, String file) {
        return e.is("Newexten") && "Playback".equals(e.get("Application")) && file.equals(e.get("AppData"));
    }
}
