package org.helpline.router.asterisk.agi;

import org.helpline.router.support.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Asterisk, a network or an attacker can throw at the FastAGI port: partial, malformed or silent requests,
 * hang-ups mid-session, more sessions than workers. Each ends quickly in the safe path, without a caller number
 * in the log, and without leaking a thread. Pool size and backlog are 4 each in the test profile.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class FastAgiRobustnessTest {

    @Inject
    FastAgiServer server;
    @Inject
    AgiConfig config;
    @Inject
    MeterRegistry registry;

    private CapturedLogs logs;

    @BeforeEach
    void setUp() {
        QuarkusMock.installMockForType(Clock.fixed(AgiTestLines.WEDNESDAY_MORNING, ZoneOffset.UTC), Clock.class);
        AgiTestLines.ensureCreated();
        logs = CapturedLogs.start();
    }

    @AfterEach
    void nothingLeaks() {
        Poll.until(() -> server.activeSessions() == 0, Duration.ofSeconds(5), "sessions drained");
        long workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("helpline-agi-") && !t.getName().startsWith("helpline-agi-accept"))
                .count();
        long deciders = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("helpline-decision-")).count();
        assertTrue(workers <= config.poolSize(), workers + " worker threads");
        assertTrue(deciders <= config.poolSize(), deciders + " decision threads");
        logs.close();
        assertEquals(List.of(), logs.containing(AgiTestClient.CALLER_NUMBER.substring(1)));
    }

    @Test
    void wellFormedRequestIsAnswered() throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(AgiTestClient.route("0800123456"));
            assertEquals("QUEUE", client.variables().get("HELPLINE_ACTION"));
        }
    }

    @Test
    void requestWithoutAnyNumberIsAnUnknownLine() throws IOException {
        Map<String, String> env = AgiTestClient.route(null);
        env.remove("agi_dnid");
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(env);
            assertEquals("UNKNOWN_LINE", client.variables().get("HELPLINE_ACTION"));
        }
    }

    @Test
    void garbageIsDroppedWithoutAnAnswer() throws IOException {
        for (String garbage : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\n", "agi_network yes\n\n",
                "agi_channel: PJSIP/x-1\n\n", "x".repeat(10_000) + "\n\n")) {
            try (AgiTestClient client = new AgiTestClient(server.port())) {
                client.send(garbage);
                assertTrue(client.closedWithin(Duration.ofSeconds(2)), "closed after " + garbage.length() + " bytes");
                assertEquals(List.of(), client.commands());
            }
        }
        Poll.until(() -> !logs.containing("malformed request").isEmpty(), Duration.ofSeconds(2), "drop logged");
    }

    @Test
    void unknownScriptIsDroppedWithoutAnAnswer() throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            assertEquals(List.of(), client.converse(AgiTestClient.environment("format-disk", "PJSIP/x-01", "0800123456")));
        }
    }

    @Test
    void clientThatNeverSendsTheBlankLineIsDroppedAfterTheReadTimeout() throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.send("agi_network: yes\nagi_network_script: route\nagi_dnid: 0800123456\n");
            long started = System.nanoTime();
            assertFalse(client.closedWithin(Duration.ofMillis(config.readTimeout().toMillis() / 2)),
                    "a slow client gets the whole read timeout");
            assertTrue(client.closedWithin(Duration.ofSeconds(3)), "then it is dropped");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= config.readTimeout().toMillis() / 2, "dropped after " + millis + " ms");
            assertEquals(List.of(), client.commands());
        }
        Poll.until(() -> !logs.containing("silent for").isEmpty(), Duration.ofSeconds(2), "drop logged");
    }

    @Test
    void callerHangingUpMidSessionEndsTheSession() throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port()).hangingUpMidSession()) {
            List<String> commands = client.converse(AgiTestClient.route("0800123456"));
            assertTrue(commands.size() <= 1, "stopped after the hang-up: " + commands);
        }
    }

    @Test
    void moreSessionsThanWorkersAndBacklogAreClosedAtOnce() throws IOException {
        int capacity = config.poolSize() + config.queueCapacity();
        // Sessions other tests left open (silent clients are dropped after the read timeout) would hold slots.
        Poll.until(() -> server.activeSessions() == 0, Duration.ofSeconds(10), "no session left by earlier tests");
        double rejectedBefore = registry.counter("helpline.agi.rejected").count();
        List<AgiTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < capacity + 4; i++) {
                AgiTestClient client = new AgiTestClient(server.port());
                client.send("agi_network: yes\n");
                clients.add(client);
            }
            // Rejected, not timed out: the rejection counter moves for the four extra sessions while the
            // sessions holding the slots are still open (they would be dropped only after the read timeout).
            // The pool's gauges show it full (every worker waiting on a silent session, every backlog slot taken)
            // once the accept loop has taken every connection; a rejection left over from an earlier test may move
            // the counter before that, so all three are awaited together.
            Poll.until(config.readTimeout(), () -> {
                assertTrue(registry.counter("helpline.agi.rejected").count() - rejectedBefore >= 4,
                        "the sessions beyond the capacity are rejected: "
                                + (registry.counter("helpline.agi.rejected").count() - rejectedBefore));
                assertEquals(config.poolSize(), registry.get("helpline.agi.workers.busy").gauge().value(), "busy workers");
                assertEquals(config.queueCapacity(), registry.get("helpline.agi.backlog").gauge().value(), "backlog");
            });
            assertEquals(config.poolSize(), registry.get("helpline.agi.workers.max").gauge().value());
            assertEquals(config.queueCapacity(), registry.get("helpline.agi.backlog.max").gauge().value());
            AgiTestClient last = clients.get(clients.size() - 1);
            assertTrue(last.closedWithin(Duration.ofMillis(100)), "a rejected session is closed at once");
            assertEquals(List.of(), last.commands());
            assertFalse(clients.get(0).closedWithin(Duration.ofMillis(1)), "the sessions holding the slots are still open");
        } finally {
            for (AgiTestClient client : clients) {
                client.close();
            }
        }
        Poll.until(() -> server.activeSessions() == 0, Duration.ofSeconds(5), "slots freed");
        Poll.until(() -> registry.get("helpline.agi.workers.busy").gauge().value() == 0
                && registry.get("helpline.agi.backlog").gauge().value() == 0, Duration.ofSeconds(5), "gauges back to 0");
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(AgiTestClient.route("0800123456"));
            assertEquals("QUEUE", client.variables().get("HELPLINE_ACTION"), "served again once the load is gone");
        }
    }

    @Test
    void fiveHundredIdleConnectionsFromAnotherHostDoNotKeepACallerFromItsDecision() throws IOException {
        // 127.0.0.2 is loopback on Linux but not in helpline.agi.allowed-sources (default 127.0.0.1, ::1).
        List<AgiTestClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                idle.add(AgiTestClient.from("127.0.0.2", server.port()));
            }
            try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
                asterisk.converse(AgiTestClient.route("0800123456"));
                assertEquals("QUEUE", asterisk.variables().get("HELPLINE_ACTION"), "the real call was decided");
            }
            for (AgiTestClient c : idle) {
                assertTrue(c.closedWithin(Duration.ofSeconds(1)), "the service closed the stranger's connection");
            }
            // The real call's session leaves the count just after its socket closes: polled, not read at once.
            Poll.until(() -> server.activeSessions() == 0, Duration.ofSeconds(2), "none of them held a worker");
        } finally {
            for (AgiTestClient c : idle) {
                c.close();
            }
        }
        assertTrue(registry.counter("helpline.agi.refused", "reason", "source").count() >= 500);
    }

    @Test
    void featureCodeWhileAsteriskCannotConfirmTheChannelAnswersUnavailable() throws IOException {
        // AMI points at a closed port: nobody can confirm the channel, whoever it claims to be.
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(AgiTestClient.featureCode("PJSIP/stranger-0000002", "login", null));
            assertEquals(Map.of("HELPLINE_LISTENER_RESULT", "UNAVAILABLE"), client.variables());
        }
    }

    @Test
    void featureCodeOfAKnownListenerWhileAsteriskIsUnreachableAnswersUnavailable() throws IOException {
        // In the default test configuration AMI points at a closed port: the shift cannot be carried out.
        if (!asOperator().get("/api/listeners").jsonPath().getList("endpoint").contains("PJSIP/robust1")) {
            asOperator().contentType("application/json")
                    .body("{\"displayName\":\"Écoutant R\",\"endpoint\":\"PJSIP/robust1\",\"lines\":[\""
                            + AgiTestLines.OPEN + "\"]}")
                    .post("/api/listeners").then().statusCode(201);
        }
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(AgiTestClient.featureCode("PJSIP/robust1-0000003", "login", null));
            assertEquals(Map.of("HELPLINE_LISTENER_RESULT", "UNAVAILABLE"), client.variables());
        }
    }
}
