package org.helpline.router.asterisk.agi;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who the FastAGI server listens to, outside Quarkus: only allowed addresses (here 127.0.0.1; the test's other
 * host is 127.0.0.2, loopback too on Linux), at most three connections at once from one, each of which must
 * send its first line within 300 ms.
 */
class FastAgiSourcesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FastAgiServer server;

    /** Answers every session as the route script would for an open line. */
    private final AgiScript route = new AgiScript() {
        @Override
        public String name() {
            return "route";
        }

        @Override
        public void answer(AgiEnvironment environment, AgiSession session) throws IOException {
            session.setVariable("HELPLINE_ACTION", "QUEUE");
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new FastAgiServer(config(), List.of(route), registry);
        server.onStart(null);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aRequestFromAnAddressNotAllowedIsClosedUnanswered() throws IOException {
        try (AgiTestClient stranger = AgiTestClient.from("127.0.0.2", server.port())) {
            stranger.send(text(AgiTestClient.route("0800123456")));
            assertTrue(stranger.closedWithin(Duration.ofSeconds(1)));
            assertEquals(List.of(), stranger.commands(), "not a single variable set");
        }
        assertEquals(1.0, registry.counter("helpline.agi.refused", "reason", "source").count());
        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.converse(AgiTestClient.route("0800123456"));
            assertEquals("QUEUE", asterisk.variables().get("HELPLINE_ACTION"), "the twin from Asterisk's address");
        }
    }

    @Test
    void connectionsBeyondTheBoundOfASourceAreClosedAtOnce() throws IOException {
        List<AgiTestClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                idle.add(new AgiTestClient(server.port()));
            }
            Poll.until(() -> server.activeSessions() == 3, Duration.ofSeconds(1), "three connections held");
            try (AgiTestClient fourth = new AgiTestClient(server.port())) {
                fourth.send(text(AgiTestClient.route("0800123456")));
                assertTrue(fourth.closedWithin(Duration.ofMillis(200)), "closed at once, not after a timeout");
                assertEquals(List.of(), fourth.commands());
            }
            assertEquals(1.0, registry.counter("helpline.agi.refused", "reason", "per-source-limit").count());
        } finally {
            for (AgiTestClient c : idle) {
                c.close();
            }
        }
        Poll.until(() -> server.activeSessions() == 0, Duration.ofSeconds(2), "slots freed");
        try (AgiTestClient asterisk = new AgiTestClient(server.port())) {
            asterisk.converse(AgiTestClient.route("0800123456"));
            assertEquals("QUEUE", asterisk.variables().get("HELPLINE_ACTION"), "served once the bound frees up");
        }
    }

    @Test
    void aConnectionSilentPastTheFirstLineTimeoutIsDroppedLongBeforeTheReadTimeout() throws IOException {
        try (AgiTestClient silent = new AgiTestClient(server.port())) {
            long started = System.nanoTime();
            assertFalse(silent.closedWithin(Duration.ofMillis(150)), "given the first-line timeout");
            assertTrue(silent.closedWithin(Duration.ofMillis(1500)), "then dropped, well before the 5 s read timeout");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 150, "dropped after " + millis + " ms");
        }
        Poll.until(() -> registry.counter("helpline.agi.sessions", "outcome", "silent").count() == 1.0,
                Duration.ofSeconds(1), "counted as silent");
    }

    @Test
    void aSlowButTalkingClientStillHasTheWholeReadTimeout() throws IOException {
        try (AgiTestClient slow = new AgiTestClient(server.port())) {
            slow.send("agi_network: yes\n");
            assertFalse(slow.closedWithin(Duration.ofMillis(800)), "the first line came: the read timeout applies");
            java.util.Map<String, String> rest = AgiTestClient.route("0800123456");
            rest.remove("agi_network");
            slow.converse(rest);
            assertEquals("QUEUE", slow.variables().get("HELPLINE_ACTION"));
        }
    }

    private static String text(java.util.Map<String, String> environment) {
        StringBuilder b = new StringBuilder();
        environment.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.append('\n').toString();
    }

    private static AgiConfig config() {
        return AgiSettings.defaults().withPool(3, 4, 4)
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5));
    }
}
