package org.helpline.router.asterisk.agi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the sessions a real Asterisk 22 sent ({@code asterisk-transcripts/agi-route-sessions.txt}) and checks
 * that the answer carries what the recorded stand-in answered, in this service's encoding. Latency is measured
 * by the benchmark ({@code scripts/bench}, docs/benchmarks.md), not here.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AgiTranscriptReplayTest {

    @Inject
    FastAgiServer server;

    private CapturedLogs logs;

    @BeforeEach
    void setUp() {
        QuarkusMock.installMockForType(Clock.fixed(AgiTestLines.WEDNESDAY_MORNING, ZoneOffset.UTC), Clock.class);
        AgiTestLines.ensureCreated();
        logs = CapturedLogs.start();
    }

    @AfterEach
    void noCallerNumberLogged() {
        logs.close();
        assertEquals(List.of(), logs.containing(AgiTestClient.CALLER_NUMBER.substring(1)));
    }

    /** One recorded session: what Asterisk sent, whether the caller hung up, what the stand-in set. */
    record Recorded(Map<String, String> environment, boolean hangUp, Map<String, String> answered) {
    }

    static List<Recorded> sessions(String transcript) throws IOException {
        String text;
        try (InputStream in = AgiTranscriptReplayTest.class.getResourceAsStream("/asterisk-transcripts/" + transcript)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Recorded> sessions = new ArrayList<>();
        for (String block : text.split("--- session [^\n]*\n")) {
            if (block.isBlank()) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, String> answered = new LinkedHashMap<>();
            boolean inEnvironment = true;
            boolean hangUp = false;
            for (String line : block.split("\n")) {
                if (inEnvironment && line.startsWith("< agi_")) {
                    int colon = line.indexOf(": ");
                    env.put(line.substring(2, colon < 0 ? line.length() - 1 : colon), colon < 0 ? "" : line.substring(colon + 2));
                } else if (line.equals("< ") || line.equals("<")) {
                    inEnvironment = false;
                } else if (line.contains("'HANGUP\\n'")) {
                    hangUp = true;
                } else if (line.startsWith("> SET VARIABLE ")) {
                    String[] parts = line.substring("> SET VARIABLE ".length()).split("\" \"");
                    answered.put(parts[0].replace("\"", ""), parts[1].replace("\"", ""));
                }
            }
            sessions.add(new Recorded(env, hangUp, answered));
        }
        return sessions;
    }

    @Test
    void recordedSessionsGetTheRecordedRoute() throws IOException {
        List<Recorded> sessions = new ArrayList<>(sessions("agi-route-sessions.txt"));
        assertEquals(3, sessions.size());
        List<Recorded> hangUps = sessions("agi-caller-hangs-up-mid-session.txt");
        assertEquals(1, hangUps.size());
        assertTrue(hangUps.get(0).hangUp());
        sessions.addAll(hangUps);
        for (Recorded recorded : sessions) {
            assertEquals("0612345678", recorded.environment().get("agi_callerid"));
            try (AgiTestClient client = new AgiTestClient(server.port())) {
                if (recorded.hangUp()) {
                    client.hangingUpMidSession();
                }
                List<String> commands = client.converse(recorded.environment());
                Map<String, String> vars = client.variables();
                if (recorded.hangUp()) {
                    // Asterisk said HANGUP before the first reply: the server stops after that first command.
                    assertEquals(1, commands.size(), commands.toString());
                    continue;
                }
                assertEquals(recorded.answered().get("HELPLINE_ACTION"), vars.get("HELPLINE_ACTION"));
                String[] route = vars.get("HELPLINE_ROUTE").split("\\|", -1);
                assertEquals(recorded.answered().get("HELPLINE_QUEUE"), route[RouteVariables.ROUTE_FIELDS.indexOf("QUEUE")]);
                assertEquals(recorded.answered().get("HELPLINE_MAXWAIT"), route[RouteVariables.ROUTE_FIELDS.indexOf("MAXWAIT")]);
                assertEquals(36, vars.get("HELPLINE_CALL_ID").length());
            }
        }
    }
}
