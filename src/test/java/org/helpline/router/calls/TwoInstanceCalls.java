package org.helpline.router.calls;

import org.helpline.router.calls.SuiteCall.Waited;
import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.Baresip;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.JournalArrivals;
import org.helpline.router.calls.rig.Sipp;
import org.helpline.router.calls.rig.Sipp.CallerScript;
import org.helpline.router.calls.rig.Sipp.SipPhone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the service on one PostgreSQL and one Asterisk (the documented scale-out): the first is killed
 * in the middle of a burst of calls. Asterisk asks the second (HELPLINE_AGI_BACKUP) for every call the first
 * cannot take: no call fails, none goes down the safe path; what must happen once — pausing a listener who let a
 * call ring out — happens once, by whichever instance holds the duty. A listener's feature code after the kill is
 * answered by the second instance too.
 */
final class TwoInstanceCalls {

    static final int CALLS = 100;

    private TwoInstanceCalls() {
    }

    static void firstInstanceKilledDuringABurstSecondTakesEveryCall(CallRig rig) throws Exception {
        SuiteLine burst = SuiteLines.openLine(rig, "two-instances", Map.of("crisisTransfer", false));
        SuiteLine ringOut = SuiteLines.openLine(rig, "two-instances-ring-out",
                Map.of("queue", rig.queueWithoutAutopause(2), "crisisTransfer", false));
        OpenLineCalls.OnDuty listener = OpenLineCalls.onDuty(rig, ringOut, Duration.ofMinutes(5));
        // A listener on a softphone, known to both instances (the second reads the listeners when it starts).
        SuiteLine volunteerLine = SuiteLines.openLine(rig, "two-instances-volunteer", Map.of());
        SipPhone volunteer = rig.phone();
        String volunteerEndpoint = "PJSIP/" + volunteer.username();
        SuiteLines.listener(rig, volunteer, volunteerLine.code());

        Path firstData = rig.service.dataDirectory();
        Path password = firstData.resolve("postgres.password");
        rig.second.start(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + rig.service.databasePort() + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", Files.exists(password) ? Files.readString(password).strip() : "postgres"));
        try (Baresip softphone = ListenerPhoneCalls.softphone(rig, volunteer)) {
            List<String> callers = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                callers.add(SuiteLines.caller());
            }
            JournalArrivals arrivals = JournalArrivals.watch(rig.journal, burst.code(), Duration.ofMillis(500),
                    Duration.ofSeconds(CALLS / 10 + 120));
            Sipp.Run run = rig.sipp.calls(burst.dialled(), callers, 10, CallerScript.hangUpAfter(Duration.ofSeconds(4)));
            SuiteCall.sleep(4000);
            rig.service.kill();
            // A listener lets a call ring out after the kill: the surviving instance pauses them, once.
            SuiteCall ringing = SuiteCall.place(rig, ringOut, CallerScript.hangUpAfter(Duration.ofSeconds(47)));
            // The volunteer logs in after the kill: the feature code's Local channel asks the second instance.
            softphone.dial("*41");
            softphone.awaitEvent("CALL_CLOSED", 1, Duration.ofSeconds(20));
            assertTrue(ListenerPhoneCalls.heardOnPhone(rig, volunteer, "*41", 1).contains("Playback(helpline/listener-ok)"),
                    "logged in by the second instance");
            Heard.awaitListenerState(rig.second, volunteerLine.code(), volunteerEndpoint, "AVAILABLE", Duration.ofSeconds(10));

            assertEquals(0, run.await(Duration.ofSeconds(CALLS / 10 + 60)), "every call of the burst succeeded");
            int notDecided = 0;
            for (String caller : callers) {
                List<String> heard = rig.observer.heard(rig.observer.callerChannel(caller, Duration.ofSeconds(5)));
                if (heard.contains(Heard.UNAVAILABLE) || !heard.contains(Heard.NOTICE)) {
                    notDecided++;
                }
            }
            assertEquals(0, notDecided, "calls that went down the safe path");

            ringing.hears(List.of(Heard.NOTICE, Heard.queue(ringOut.queue()), Heard.NO_LISTENER), Duration.ofSeconds(75));
            Heard.awaitListenerState(rig.second, ringOut.code(), listener.endpoint(), "PAUSED", Duration.ofSeconds(10));
            SuiteCall.sleep(3000); // leave a second instance time to pause again, were it to
            String queueLog = Files.readString(rig.asterisk.logDirectory().resolve("queue_log"));
            long pauses = queueLog.lines().filter(l -> l.contains("|" + ringOut.queue() + "|") && l.contains("|PAUSE|"))
                    .count();
            assertEquals(1, pauses, "the listener is paused once:\n" + queueLog.lines()
                    .filter(l -> l.contains("|" + ringOut.queue() + "|")).toList());
            assertEquals(true, ringing.ended(Duration.ofSeconds(60)));
            ringing.heardTheNoticeOnce(Heard.NOTICE);
            // In the queue while the phone rang (15 s) and until the pause emptied the queue under the caller.
            ringing.journalled("NO_LISTENER", Waited.inQueue(13, 24));

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int ended = 0;
            while (System.nanoTime() < deadline && ended < CALLS) {
                ended = rig.journal.count("line_code = ? AND outcome = 'NO_LISTENER' AND outcome_final", burst.code());
                SuiteCall.sleep(250);
            }
            assertEquals(CALLS, ended, "every call of the burst is journalled, by one instance or the other");
            BurstCalls.everyEndJournalledWithinFiveSeconds(rig, callers, arrivals);
            assertEquals(0, rig.journal.count("line_code = ? AND wait_seconds IS DISTINCT FROM 0", burst.code()),
                    "calls of the burst never queued (nobody on duty): each waited 0 s in the journal");
        } finally {
            rig.service.start();
            rig.second.stop();
        }
    }
}
