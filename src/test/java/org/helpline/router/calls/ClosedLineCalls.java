package org.helpline.router.calls;

import org.helpline.router.calls.SuiteCall.Waited;
import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.CallerScript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.helpline.router.calls.Heard.CLOSED;
import static org.helpline.router.calls.Heard.CRISIS_INTRO;
import static org.helpline.router.calls.Heard.GOODBYE;
import static org.helpline.router.calls.Heard.NOTICE;
import static org.helpline.router.calls.Heard.REOPENS;
import static org.helpline.router.calls.Heard.SAY_112;
import static org.helpline.router.calls.Heard.SAY_15;
import static org.helpline.router.calls.Heard.SAY_3114;
import static org.helpline.router.calls.Heard.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls outside opening hours, to a line closed tonight by its team, and to a number no line owns. */
final class ClosedLineCalls {

    private ClosedLineCalls() {
    }

    /**
     * Closed by its weekly hours: the notice, the closed message, when it reopens (tomorrow 08:00, said in the
     * line's zone), the crisis numbers, goodbye; the caller stays to the end.
     */
    static void closedByHoursHearsNoticeThenCrisisNumbers(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "closed-hours", Map.of("crisisTransfer", false));
        Instant reopens = SuiteLines.openOnlyTomorrowMorning(rig, line.code());
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(80)));
        String sayTime = "SayUnixTime(" + reopens.getEpochSecond() + ",Europe/Paris,AdBR)";
        call.hears(List.of(NOTICE, CLOSED, REOPENS, sayTime, CRISIS_INTRO, SAY_3114, SAY_15, GOODBYE),
                Duration.ofSeconds(75));
        assertTrue(call.ended(Duration.ofSeconds(30)), "Asterisk ends the call after goodbye");
        call.heardTheNoticeOnce(NOTICE);
        Map<String, String> row = call.journalled("CLOSED", Waited.never());
        assertEquals("t", row.get("crisis_heard"), "stayed until every crisis number was said");
    }

    /**
     * Twin: open by its hours, but the team closed it tonight (override); the caller hangs up as soon as they
     * have heard when it reopens, before the crisis numbers.
     */
    static void closedByOverrideLeavesBeforeTheCrisisNumbers(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "closed-override", Map.of());
        Instant until = Instant.now().plusSeconds(3 * 3600).with(java.time.temporal.ChronoField.MILLI_OF_SECOND, 0);
        rig.service.api().contentType("application/json")
                .body(Map.of("state", "CLOSED", "until", until.toString(), "reason", "équipe réduite ce soir"))
                .put("/api/lines/" + line.code() + "/override").then().statusCode(200);
        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(29)));
        call.hears(List.of(NOTICE, CLOSED, REOPENS, "SayUnixTime(" + until.getEpochSecond() + ",Europe/Paris,AdBR)"),
                Duration.ofSeconds(35));
        assertTrue(call.ended(Duration.ofSeconds(30)));
        call.heardTheNoticeOnce(NOTICE);
        Map<String, String> row = call.journalled("CLOSED", Waited.never());
        assertEquals("f", row.get("crisis_heard"), "left before the crisis numbers were all said");
    }

    /** A number no line owns: "service unavailable", the generic notice and the default crisis numbers. */
    static void unknownNumberGetsTheGenericNotice(CallRig rig) throws Exception {
        SuiteCall call = SuiteCall.place(rig, "0800999991", CallerScript.hangUpAfter(Duration.ofSeconds(60)));
        List<String> heard = call.hears(List.of(UNAVAILABLE, NOTICE, CRISIS_INTRO, SAY_3114, SAY_15, SAY_112, GOODBYE),
                Heard.CRISIS_SAID);
        assertFalse(Heard.anyStartsWith(heard, "Queue("));
        assertTrue(call.ended(Duration.ofSeconds(30)));
        call.heardTheNoticeOnce(NOTICE); // the generic one: no line, no recording of its own
        call.journalled("UNKNOWN_LINE", Waited.never());
    }
}
