package org.helpline.router.calls;

import org.helpline.router.calls.SuiteCall.Waited;
import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.CallerScript;
import org.helpline.router.support.CallerNumberForms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.helpline.router.calls.Heard.CRISIS_INTRO;
import static org.helpline.router.calls.Heard.NOTICE;
import static org.helpline.router.calls.Heard.NO_LISTENER;
import static org.helpline.router.calls.Heard.PRESS_1_WHILE_WAITING;
import static org.helpline.router.calls.Heard.SAY_3114;
import static org.helpline.router.calls.Heard.TRANSFER;
import static org.helpline.router.calls.Heard.TRANSFER_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pressing 1 for the crisis line: after the crisis numbers, and while waiting in the queue. The crisis line sits
 * behind the trunk provider's address, which never answers qualify OPTIONS (its contact is unreachable for
 * Asterisk): the transfer must not depend on it, must present the line's own number, and when the network refuses
 * the call the caller hears the numbers again.
 */
final class CrisisTransferCalls {

    private CrisisTransferCalls() {
    }

    /** Presses at every other second: only the ones Read() or the queue hear count, the rest are ignored. */
    static List<Duration> presses(int fromSecond, int toSecond) {
        List<Duration> at = new ArrayList<>();
        for (int s = fromSecond; s <= toSecond; s += 2) {
            at.add(Duration.ofSeconds(s));
        }
        return at;
    }

    static void pressOneAfterTheCrisisNumbersReachesTheCrisisLine(CallRig rig) throws Exception {
        // Asterisk spreads the first qualify of a static contact over its whole qualify_frequency (60 s for the
        // trunk): ask for one now rather than wait for it. The OPTIONS go unanswered, so after qualify_timeout
        // (3 s) the contact is Unavailable.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        rig.asterisk.cli("pjsip qualify trunk");
        String contacts = rig.asterisk.cli("pjsip show contacts");
        for (int poll = 1; !contacts.matches("(?s).*trunk/sip:\\S+\\s+\\S+\\s+Unavail.*")
                && System.nanoTime() < deadline; poll++) {
            SuiteCall.sleep(250);
            if (poll % 24 == 0) {
                rig.asterisk.cli("pjsip qualify trunk");
            }
            contacts = rig.asterisk.cli("pjsip show contacts");
        }
        assertTrue(contacts.matches("(?s).*trunk/sip:\\S+\\s+\\S+\\s+Unavail.*"),
                "the trunk's contact is unreachable for qualify: " + contacts);
        SuiteLine line = SuiteLines.openLine(rig, "press-1-list", Map.of());
        SuiteCall call = SuiteCall.place(rig, line,
                CallerScript.pressOne(presses(30, 46), Duration.ofSeconds(12)));
        call.hears(List.of(NOTICE, NO_LISTENER, CRISIS_INTRO, SAY_3114, TRANSFER, "Dial(PJSIP/trunk/sip:3114@"),
                Duration.ofSeconds(60));
        String invite = crisisInviteFrom(rig, line.number());
        assertTrue(invite.startsWith("INVITE sip:3114@" + rig.plan.trunk()), invite.lines().findFirst().orElse(""));
        assertPresentsTheLine(invite, line);
        assertTrue(call.ended(Duration.ofSeconds(60)));
        call.heardTheNoticeOnce(NOTICE);
        call.journalled("CRISIS_TRANSFER", Waited.never()); // nobody on duty: never queued
    }

    static void pressOneWhileWaitingReachesTheCrisisLine(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "press-1-queue", Map.of());
        OpenLineCalls.onDuty(rig, line, Duration.ofMinutes(5));
        SuiteCall call = SuiteCall.place(rig, line,
                CallerScript.pressOne(presses(28, 40), Duration.ofSeconds(12)));
        call.hears(List.of(NOTICE, PRESS_1_WHILE_WAITING, Heard.queue(line.queue()), TRANSFER),
                Duration.ofSeconds(45));
        assertPresentsTheLine(crisisInviteFrom(rig, line.number()), line);
        assertTrue(call.ended(Duration.ofSeconds(60)));
        call.heardTheNoticeOnce(NOTICE);
        // In the queue from about 26 s (notice and hint) until a press from 28 s on took the caller out.
        call.journalled("CRISIS_TRANSFER", Waited.inQueue(0, 16));
    }

    /** Twin: the network refuses the transfer; the caller hears the numbers again, with an invitation to dial. */
    static void refusedTransferSaysTheNumbersAgain(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "press-1-refused", Map.of("crisisNumbers", List.of(
                Map.of("label", "Ligne de crise", "number", CallRig.REFUSED_CRISIS_NUMBER),
                Map.of("label", "Prévention du suicide", "number", "3114"))));
        SuiteCall call = SuiteCall.place(rig, line,
                CallerScript.pressOne(presses(30, 44), Duration.ofSeconds(40)));
        String say = "SayDigits(" + CallRig.REFUSED_CRISIS_NUMBER + ")";
        List<String> heard = call.hears(List.of(NOTICE, NO_LISTENER, CRISIS_INTRO, say, SAY_3114, TRANSFER,
                "Dial(PJSIP/trunk/sip:" + CallRig.REFUSED_CRISIS_NUMBER + "@", TRANSFER_FAILED, say, SAY_3114,
                Heard.GOODBYE), Duration.ofSeconds(80));
        assertFalse(heard.contains(Heard.UNAVAILABLE));
        assertTrue(call.ended(Duration.ofSeconds(30)));
        call.heardTheNoticeOnce(NOTICE); // the numbers are said twice, the notice once
        Map<String, String> row = call.journalled("TRANSFER_FAILED", Waited.never());
        assertEquals("t", row.get("crisis_heard"));
    }

    private static void assertPresentsTheLine(String invite, SuiteLine line) {
        String from = invite.lines().filter(l -> l.regionMatches(true, 0, "From:", 0, 5)).findFirst().orElse("");
        assertTrue(from.contains(line.number()), "the crisis line sees the line's own number: " + from);
        assertFalse(from.toLowerCase().contains("anonymous"), from);
        assertEquals(List.of(), CallerNumberForms.foundIn(invite, SuiteLines.callersE164()),
                "no caller number in the transfer's INVITE (From, Contact, P-Asserted-Identity, Remote-Party-ID)");
    }

    /** The INVITE the crisis line received from this line's transfer. */
    static String crisisInviteFrom(CallRig rig, String lineNumber) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String messages = rig.crisisLine.messages();
            int at = 0;
            while ((at = messages.indexOf("INVITE sip:", at)) >= 0) {
                int end = messages.indexOf("\n\n", at);
                String invite = messages.substring(at, end < 0 ? messages.length() : end);
                if (invite.contains(lineNumber)) {
                    return invite;
                }
                at = at + 1;
            }
            SuiteCall.sleep(200);
        }
        throw new AssertionError("the crisis line received no INVITE from the line");
    }
}
