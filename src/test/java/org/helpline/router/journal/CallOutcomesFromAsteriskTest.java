package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.helpline.router.support.AmiTranscript;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every outcome from what a real Asterisk 22 sent for a real call: captures recorded by the real-Asterisk call suite
 * (src/test/resources/asterisk-transcripts/call-*.txt, the events the service's AMI user reads), replayed over TCP
 * through the service's own AMI link into its journal. The caller's Hangup carries what the dialplan says
 * ({@code HELPLINE_OUTCOME}, {@code HELPLINE_CRISIS_HEARD}); waits come from Asterisk's own HoldTime, or from the
 * service's own clock where Asterisk gives none (a caller pressing 1 in the queue). One capture is derived rather
 * than recorded (call-short-call-while-waiting.txt, its header says how); each replay gets fresh call ids.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CallOutcomesFromAsteriskTest {

    private static final Pattern HANGUP_OF_THE_CALLER = Pattern.compile(
            "(?s)Event: Hangup\\n.*?ChanVariable: HELPLINE_CALL_ID=(\\S+)\\n.*?ChanVariable: HELPLINE_OUTCOME=(\\S+)");

    @Inject
    AgroalDataSource ds;
    @Inject
    JournalWriter writer;
    @ConfigProperty(name = "helpline.journal.short-call-seconds")
    int shortCallSeconds;

    @BeforeEach
    void linked() throws Exception {
        FakeAmiServer ami = FakeAmiProfile.server();
        ami.listen();
        ami.answerPings(true);
        Poll.until(Duration.ofSeconds(10), () -> assertTrue(ami.clientCount() > 0, "service connected to the fake AMI"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // capture,                                  outcome,            crisis heard, wait, listeners rung
            "call-answered.txt,                          ANSWERED,           false,        3,    1",
            "call-abandoned-while-waiting.txt,           ABANDONED,          false,        10,   1",
            "call-short-call-while-waiting.txt,          SHORT_CALL,         false,        4,    1",
            "call-left-during-notice.txt,                LEFT_DURING_NOTICE, false,        0,    0",
            "call-ring-out-empties-the-queue.txt,        NO_LISTENER,        true,         15,   1",
            "call-nobody-logged-in.txt,                  NO_LISTENER,        true,         0,    0",
            "call-maximum-wait-reached.txt,              TIMED_OUT,          true,         10,   1",
            "call-overload.txt,                          OVERLOAD,           true,         0,    0",
            "call-closed-heard-every-crisis-number.txt,  CLOSED,             true,         0,    0",
            "call-closed-left-before-the-crisis-numbers.txt, CLOSED,         false,        0,    0",
            "call-unknown-number.txt,                    UNKNOWN_LINE,       true,         0,    0",
            "call-service-killed-safe-path.txt,          FAILED,             true,         0,    0",
            // No HoldTime on this exit: the wait is the service's own measure, replayed at the capture's pace below.
            "call-press-1-while-waiting-transfer.txt,    CRISIS_TRANSFER,    false,        ,     1",
            "call-transfer-refused.txt,                  TRANSFER_FAILED,    true,         0,    0",
    })
    void theCallersHangUpTellsWhatTheyLived(String capture, String outcome, boolean crisisHeard, Integer wait,
                                            int listenersRung) throws Exception {
        List<String> events = AmiTranscript.withFreshCallIds(AmiTranscript.load(capture).events());
        Map<String, Object> row = replay(capture, events);
        assertEquals(outcome, row.get("outcome"), capture + ": " + row);
        assertEquals(crisisHeard, row.get("crisis_heard"), capture + ": every crisis number said");
        assertNotNull(row.get("ended_at"), capture + ": the hang-up is the end");
        assertNotNull(row.get("duration_seconds"), capture + ": the duration from the dialplan's arrival");
        if (wait != null) {
            assertEquals(wait, row.get("wait_seconds"), capture + ": the wait Asterisk reported");
        }
        assertEquals(listenersRung, row.get("listeners_rung"), capture + ": listeners rung");
    }

    /**
     * A caller who hangs up while waiting is a short call under the threshold ({@code short-call-seconds}, 5 s) and
     * an abandon from it: the recorded abandon with Asterisk's HoldTime set to each side of the threshold.
     */
    @ParameterizedTest(name = "hung up after {0} s in the queue: {1}")
    @CsvSource({"0, SHORT_CALL", "4, SHORT_CALL", "5, ABANDONED", "6, ABANDONED"})
    void aHangUpInTheQueueIsAShortCallUnderTheThresholdAndAnAbandonFromIt(int holdTime, String outcome)
            throws Exception {
        assertEquals(5, shortCallSeconds, "the threshold these waits are placed around");
        String capture = "call-abandoned-while-waiting.txt";
        List<String> events = AmiTranscript.withFreshCallIds(AmiTranscript.load(capture).events()).stream()
                .map(e -> e.replace("\nHoldTime: 10", "\nHoldTime: " + holdTime)).toList();
        assertTrue(events.stream().anyMatch(e -> e.contains("\nHoldTime: " + holdTime)), "the abandon's HoldTime set");

        Map<String, Object> row = replay(capture, events);
        assertEquals(outcome, row.get("outcome"), row.toString());
        assertEquals(holdTime, row.get("wait_seconds"));
        assertEquals(Boolean.TRUE, row.get("outcome_final"));
    }

    /**
     * Pressing 1 while waiting leaves the queue with {@code QueueCallerLeave}, which carries no HoldTime: the wait is
     * what the service measured between the join and the leave. The capture dates its channels (a Uniqueid starts
     * with the second it was made): the listener's phone rang from 1796056143, the crisis line's channel was made
     * at 1796056148 — the caller waited 5 s. The replay keeps that pace: the rest of the capture goes once the live
     * view shows the caller waiting for 5 s.
     */
    @Test
    void aCallerWhoPressesOneWhileWaitingKeepsTheWaitTheyLivedInTheQueue() throws Exception {
        String capture = "call-press-1-while-waiting-transfer.txt";
        String line = "suite-press-1-queue";
        if (asOperator().get("/api/lines/" + line).statusCode() != 200) {
            asOperator().contentType("application/json").body("""
                    {"code":"%s","name":"%s","number":"+33800000058","queue":"suite-q10","timeZone":"Europe/Paris",
                     "crisisNumbers":[{"label":"3114","number":"3114"}]}""".formatted(line, line))
                    .post("/api/lines").then().statusCode(201);
        }
        List<String> events = AmiTranscript.withFreshCallIds(AmiTranscript.load(capture).events());
        int join = 0;
        while (!events.get(join).startsWith("Event: QueueCallerJoin\n")) {
            join++;
        }
        FakeAmiServer ami = FakeAmiProfile.server();
        long start = System.nanoTime();
        events.subList(0, join + 1).forEach(ami::send);
        Poll.until(Duration.ofSeconds(20), () -> assertTrue(waitShown(line) >= 5, "the caller waits 5 s, as captured"));
        Map<String, Object> row = replay(capture, events.subList(join + 1, events.size()), events);
        long elapsed = (long) Math.ceil((System.nanoTime() - start) / 1e9);

        assertEquals("CRISIS_TRANSFER", row.get("outcome"), row.toString());
        int wait = (Integer) row.get("wait_seconds");
        assertTrue(wait >= 5 && wait <= elapsed, "waited " + wait + " s in the queue (replay took " + elapsed + " s)");
        assertEquals(1, row.get("listeners_rung"));
    }

    /** Sends the events and returns the caller's journal row once its outcome is final. */
    private Map<String, Object> replay(String capture, List<String> events) throws Exception {
        return replay(capture, events, events);
    }

    private Map<String, Object> replay(String capture, List<String> send, List<String> whole) throws Exception {
        String callId = null;
        for (String e : whole) {
            Matcher m = HANGUP_OF_THE_CALLER.matcher(e);
            if (m.find()) {
                callId = m.group(1);
            }
        }
        assertNotNull(callId, capture + " holds the caller's hang-up");
        FakeAmiServer ami = FakeAmiProfile.server();
        send.forEach(ami::send);
        String id = callId;
        JournalTables.await(capture + " journalled with its final outcome", Duration.ofSeconds(15), () -> {
            writer.flush();
            Map<String, Object> r = JournalTables.record(ds, id);
            return r != null && Boolean.TRUE.equals(r.get("outcome_final"));
        });
        return JournalTables.record(ds, callId);
    }

    /** The longest wait the live view shows on the line now. */
    private static long waitShown(String line) {
        List<Integer> waits = asOperator().get("/api/supervision").then().statusCode(200).extract().jsonPath()
                .getList("lines.find { it.line == '" + line + "' }.callers.waitSeconds", Integer.class);
        return waits == null ? -1 : waits.stream().mapToLong(Integer::longValue).max().orElse(-1);
    }
}
