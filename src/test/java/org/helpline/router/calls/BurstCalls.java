package org.helpline.router.calls;

import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp;
import org.helpline.router.calls.rig.Sipp.CallerScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A burst of calls: every one decided by the service, none failed, none sent down the safe path. */
final class BurstCalls {

    static final int CALLS = 200;
    static final int PER_SECOND = 10;

    private BurstCalls() {
    }

    static void twoHundredCallsAtTenPerSecondAllDecided(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "burst", Map.of("crisisTransfer", false));
        List<String> callers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            callers.add(SuiteLines.caller());
        }
        Sipp.Run run = rig.sipp.calls(line.dialled(), callers, PER_SECOND, CallerScript.hangUpAfter(Duration.ofSeconds(4)));
        int exit = run.await(Duration.ofSeconds(CALLS / PER_SECOND + 60));
        assertEquals(0, exit, "every call of the burst succeeded (SIPp exit status)\n" + tail(run.output()));

        int safe = 0;
        for (String caller : callers) {
            String id = rig.observer.callerChannel(caller, Duration.ofSeconds(5));
            List<String> heard = rig.observer.heard(id);
            if (heard.contains(Heard.UNAVAILABLE) || !heard.contains(Heard.NOTICE)) {
                safe++;
            }
        }
        assertEquals(0, safe, "calls that did not get the service's decision");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int ended = 0;
        while (System.nanoTime() < deadline) {
            ended = rig.journal.count("line_code = ? AND outcome = 'NO_LISTENER' AND ended_at IS NOT NULL", line.code());
            if (ended == CALLS) {
                break;
            }
            SuiteCall.sleep(250);
        }
        assertEquals(CALLS, ended, "every call of the burst is in the journal with its outcome and end");
        assertTrue(rig.journal.count("line_code = ? AND outcome = 'FAILED'", line.code()) == 0);
    }

    private static String tail(String output) {
        return output.length() > 3000 ? output.substring(output.length() - 3000) : output;
    }
}
