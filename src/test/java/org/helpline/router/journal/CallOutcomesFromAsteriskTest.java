package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.helpline.router.support.AmiTranscript;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every outcome from what a real Asterisk 22 sent for a real call: captures recorded by the real-Asterisk call suite
 * (src/test/resources/asterisk-transcripts/call-*.txt, the events the service's AMI user reads), replayed over TCP
 * through the service's own AMI link into its journal. The caller's Hangup carries what the dialplan says
 * ({@code HELPLINE_OUTCOME}, {@code HELPLINE_CRISIS_HEARD}); waits come from Asterisk's own HoldTime.
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
            "call-left-during-notice.txt,                LEFT_DURING_NOTICE, false,        0,    0",
            "call-ring-out-empties-the-queue.txt,        NO_LISTENER,        true,         15,   1",
            "call-nobody-logged-in.txt,                  NO_LISTENER,        true,         0,    0",
            "call-maximum-wait-reached.txt,              TIMED_OUT,          true,         ,     1",
            "call-overload.txt,                          OVERLOAD,           true,         0,    0",
            "call-closed-heard-every-crisis-number.txt,  CLOSED,             true,         0,    0",
            "call-closed-left-before-the-crisis-numbers.txt, CLOSED,         false,        0,    0",
            "call-unknown-number.txt,                    UNKNOWN_LINE,       true,         0,    0",
            "call-service-killed-safe-path.txt,          FAILED,             true,         0,    0",
            "call-press-1-while-waiting-transfer.txt,    CRISIS_TRANSFER,    false,        ,     1",
            "call-transfer-refused.txt,                  TRANSFER_FAILED,    true,         0,    0",
    })
    void theCallersHangUpTellsWhatTheyLived(String capture, String outcome, boolean crisisHeard, Integer wait,
                                            int listenersRung) throws Exception {
        List<String> events = AmiTranscript.load(capture).events();
        String callId = null;
        for (String e : events) {
            Matcher m = HANGUP_OF_THE_CALLER.matcher(e);
            if (m.find()) {
                callId = m.group(1);
            }
        }
        assertNotNull(callId, capture + " holds the caller's hang-up");
        FakeAmiServer ami = FakeAmiProfile.server();
        events.forEach(ami::send);

        String id = callId;
        JournalTables.await(capture + " journalled with its final outcome", Duration.ofSeconds(15), () -> {
            writer.flush();
            return Boolean.TRUE.equals(JournalTables.record(ds, id).get("outcome_final"));
        });
        Map<String, Object> row = JournalTables.record(ds, callId);
        assertEquals(outcome, row.get("outcome"), capture + ": " + row);
        assertEquals(crisisHeard, row.get("crisis_heard"), capture + ": every crisis number said");
        assertNotNull(row.get("ended_at"), capture + ": the hang-up is the end");
        assertNotNull(row.get("duration_seconds"), capture + ": the duration from the dialplan's arrival");
        if (wait != null) {
            assertEquals(wait, row.get("wait_seconds"), capture + ": the wait Asterisk reported");
        }
        assertEquals(listenersRung, row.get("listeners_rung"), capture + ": listeners rung");
    }
}
