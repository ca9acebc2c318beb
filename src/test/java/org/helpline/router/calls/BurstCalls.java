package org.helpline.router.calls;

import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.AmiObserver;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.JournalArrivals;
import org.helpline.router.calls.rig.Sipp;
import org.helpline.router.calls.rig.Sipp.CallerScript;

import java.time.Duration;
import java.time.Instant;
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
        JournalArrivals arrivals = JournalArrivals.watch(rig.journal, line.code(), Duration.ofMillis(500),
                Duration.ofSeconds(CALLS / PER_SECOND + 90));
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
        everyEndJournalledWithinFiveSeconds(rig, callers, arrivals);
        assertEquals(0, rig.journal.count("line_code = ? AND wait_seconds IS DISTINCT FROM 0", line.code()),
                "calls of the burst never queued (nobody on duty): each waited 0 s in the journal");
    }

    /**
     * For every call of a burst, from the rig's own view of its hang-up (AMI): its journal row got its outcome and
     * end within 5 s of the hang-up, and {@code ended_at} is the hang-up's instant.
     */
    static void everyEndJournalledWithinFiveSeconds(CallRig rig, List<String> callers, JournalArrivals arrivals) {
        // One pass over what AMI said (the run's events are many): each caller's channel, each channel's hang-up.
        Map<String, String> channelOf = new java.util.HashMap<>();
        Map<String, AmiObserver.Event> hangUpOf = new java.util.HashMap<>();
        for (AmiObserver.Event e : rig.observer.events()) {
            if (e.is("Newchannel") && String.valueOf(e.get("Channel")).startsWith("PJSIP/trunk-")) {
                channelOf.putIfAbsent(e.get("CallerIDNum"), e.get("Uniqueid"));
            } else if (e.is("Hangup")) {
                hangUpOf.putIfAbsent(e.get("Uniqueid"), e);
            }
        }
        Map<String, Instant> hangUps = new java.util.LinkedHashMap<>();
        for (String caller : callers) {
            String channel = channelOf.containsKey(caller) ? channelOf.get(caller)
                    : rig.observer.callerChannel(caller, Duration.ofSeconds(5));
            AmiObserver.Event hungUp = hangUpOf.containsKey(channel) ? hangUpOf.get(channel)
                    : rig.observer.awaitHangup(channel, Duration.ofSeconds(30));
            String callId = hungUp.chanVariable("HELPLINE_CALL_ID");
            if (callId == null || callId.isBlank()) {
                callId = rig.observer.variable(channel, "HELPLINE_CALL_ID").orElse("?" + channel);
            }
            hangUps.put(callId, hungUp.at());
        }
        Instant last = hangUps.values().stream().max(Instant::compareTo).orElse(Instant.now());
        // Up to 5 s after the last hang-up, and at least one more reading of the journal.
        Duration left = Duration.between(Instant.now(), last.plusSeconds(7));
        long deadline = System.nanoTime() + Math.max(left.toNanos(), Duration.ofSeconds(2).toNanos());
        while (System.nanoTime() < deadline && hangUps.keySet().stream().anyMatch(id -> arrivals.of(id).isEmpty())) {
            SuiteCall.sleep(100);
        }
        arrivals.close();
        List<String> wrong = new ArrayList<>();
        hangUps.forEach((id, hungUp) -> {
            var arrival = arrivals.of(id);
            if (arrival.isEmpty()) {
                wrong.add(id + ": no final row (" + arrivals.failure().orElse("journal read") + ")");
            } else if (arrival.get().missedAt() != null && arrival.get().missedAt().isAfter(hungUp.plusSeconds(5))) {
                wrong.add(id + ": not yet written " + Duration.between(hungUp, arrival.get().missedAt()).toMillis()
                        + " ms after the hang-up");
            } else if (Duration.between(arrival.get().endedAt(), hungUp).abs().compareTo(Duration.ofSeconds(2)) > 0) {
                wrong.add(id + ": ended_at " + arrival.get().endedAt() + " is not the hang-up " + hungUp);
            }
        });
        assertEquals(List.of(), wrong.stream().limit(10).toList(), wrong.size() + " of " + hangUps.size()
                + " calls without their outcome and end written within 5 s of the hang-up");
    }

    private static String tail(String output) {
        return output.length() > 3000 ? output.substring(output.length() - 3000) : output;
    }
}
