package org.helpline.router.calls;

import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.AmiObserver;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.CallerScript;

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

    /** The service is killed (SIGKILL): the caller gets the static safe path at once; the service comes back. */
    static void serviceKilledCallerGetsTheSafePath(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "killed", Map.of());
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
        Map<String, String> row = call.journalled("FAILED");
        assertEquals(line.code(), row.get("line_code"));
        rig.service.awaitReady(Duration.ofSeconds(30));
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
        call.journalled("ANSWERED");
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
