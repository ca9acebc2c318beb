package org.helpline.router.asterisk.agi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.helpline.router.listeners.CallingChannels;
import org.helpline.router.listeners.ListenerCommands.Command;
import org.helpline.router.listeners.ListenerCommands.Result;
import org.helpline.router.routing.QueueLoad;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decisions that depend on live queue state, and the listeners' feature codes, with scripted live state. */
@QuarkusTest
@TestProfile(LiveStateProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class FastAgiLiveStateTest {

    @Inject
    FastAgiServer server;
    @Inject
    ScriptedQueueAvailability queues;
    @Inject
    ScriptedListenerCommands listeners;
    @Inject
    ScriptedCallingChannels channels;

    private CapturedLogs logs;

    @BeforeEach
    void setUp() {
        QuarkusMock.installMockForType(Clock.fixed(AgiTestLines.WEDNESDAY_MORNING, ZoneOffset.UTC), Clock.class);
        AgiTestLines.ensureCreated();
        queues.answer(queue -> Optional.empty());
        listeners.answer(Result.OK);
        channels.answer(CallingChannels.Verdict.CONFIRMED);
        logs = CapturedLogs.start();
    }

    @AfterEach
    void noCallerNumberLogged() {
        logs.close();
        assertEquals(List.of(), logs.containing(AgiTestClient.CALLER_NUMBER.substring(1)));
    }

    private Map<String, String> converse(Map<String, String> environment) throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(environment);
            return client.variables();
        }
    }

    private String action() throws IOException {
        return converse(AgiTestClient.route("0800123456")).get("HELPLINE_ACTION");
    }

    private void live(QueueLoad load) {
        queues.answer(queue -> queue.equals("ecoute") ? Optional.of(load) : Optional.empty());
    }

    @Test
    void noListenerLoggedIn() throws IOException {
        live(new QueueLoad(0, 0, 0, Duration.ZERO));
        assertEquals("NO_LISTENER", action());
        live(new QueueLoad(1, 1, 0, Duration.ZERO));
        assertEquals("QUEUE", action());
    }

    @Test
    void overloadWhenTooManyWaitOrTheWaitIsTooLong() throws IOException {
        live(new QueueLoad(2, 0, 10, Duration.ofSeconds(5)));
        assertEquals("OVERLOAD", action());
        live(new QueueLoad(2, 0, 1, Duration.ofSeconds(41)));
        assertEquals("OVERLOAD", action());
        live(new QueueLoad(2, 0, 9, Duration.ofSeconds(40)));
        assertEquals("QUEUE", action());
    }

    @Test
    void slowLiveStateGivesTheSafePathInsteadOfSilence() throws IOException {
        queues.answer(queue -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        });
        long started = System.nanoTime();
        Map<String, String> vars = converse(AgiTestClient.route("0800123456"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Map.of(), vars, "no variable at all: the dialplan's static safe path answers");
        assertTrue(millis < 2_000, "answered in " + millis + " ms");
    }

    @Test
    void failingLiveStateIsTreatedAsUnknown() throws IOException {
        queues.answer(queue -> {
            throw new IllegalStateException("AMI gone");
        });
        assertEquals("QUEUE", action());
    }

    @Test
    void featureCodesReachListenerCommandsWithTheEndpoint() throws IOException {
        Map<String, String> vars = converse(AgiTestClient.featureCode("PJSIP/listener1-0000002", "pause", "coffee"));
        assertEquals(Map.of("HELPLINE_LISTENER_RESULT", "OK"), vars);
        assertEquals(new ScriptedListenerCommands.Received("PJSIP/listener1", Command.PAUSE, "coffee"),
                listeners.received().get(listeners.received().size() - 1));
        listeners.answer(Result.UNKNOWN_LISTENER);
        assertEquals("UNKNOWN_LISTENER", converse(AgiTestClient.featureCode("PJSIP/stranger-0000003a", "login", null))
                .get("HELPLINE_LISTENER_RESULT"));
        assertEquals(Command.LOGIN, listeners.received().get(listeners.received().size() - 1).command());
        assertEquals(new ScriptedCallingChannels.Asked("PJSIP/stranger-0000003a", AgiTestClient.SECRET),
                channels.asked().get(channels.asked().size() - 1),
                "Asterisk is asked about the phone's channel and its secret, not about the Local channel");
    }

    @Test
    void featureCodeWithoutPhoneChannelOrSecretIsRefusedUnasked() throws IOException {
        int before = listeners.received().size();
        int asked = channels.asked().size();
        // The shape of the previous dialplan (AGI on the phone's own channel), or anyone else's request.
        Map<String, String> old = AgiTestClient.environment("listener", "PJSIP/listener1-0000002", "*41", "login");
        assertEquals("NOT_ALLOWED", converse(old).get("HELPLINE_LISTENER_RESULT"));
        assertEquals("NOT_ALLOWED", converse(AgiTestClient.featureCode("PJSIP/listener1-0000002", "", "login", null))
                .get("HELPLINE_LISTENER_RESULT"), "no secret");
        assertEquals("NOT_ALLOWED", converse(AgiTestClient.featureCode("", "login", null))
                .get("HELPLINE_LISTENER_RESULT"), "no phone channel");
        assertEquals("NOT_ALLOWED", converse(AgiTestClient.featureCode("Local/login-@helpline-feature-ask-0000001c;2",
                "login", null)).get("HELPLINE_LISTENER_RESULT"), "a Local channel is no phone");
        assertEquals(before, listeners.received().size(), "nothing carried out");
        assertEquals(asked, channels.asked().size(), "nothing to ask Asterisk about");
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("names no phone channel and secret")),
                "the refusal says why");
    }

    @Test
    void featureCodeFromAChannelAsteriskDoesNotKnowIsRefusedAndNotForwarded() throws IOException {
        int before = listeners.received().size();
        channels.answer(CallingChannels.Verdict.REFUTED);
        assertEquals("NOT_ALLOWED", converse(AgiTestClient.featureCode("PJSIP/listener1-0000002", "logout", null))
                .get("HELPLINE_LISTENER_RESULT"));
        assertEquals(before, listeners.received().size(), "a forged channel name logs nobody out");
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("refused") && l.contains("PJSIP/listener1-0000002")),
                "the refusal is logged");
        assertTrue(logs.lines().stream().noneMatch(l -> l.contains(AgiTestClient.SECRET)), "the secret is never logged");
    }

    @Test
    void featureCodeAsteriskCannotConfirmAnswersUnavailableAndIsNotForwarded() throws IOException {
        int before = listeners.received().size();
        channels.answer(CallingChannels.Verdict.UNKNOWN);
        assertEquals("UNAVAILABLE", converse(AgiTestClient.featureCode("PJSIP/listener1-0000002", "login", null))
                .get("HELPLINE_LISTENER_RESULT"));
        assertEquals(before, listeners.received().size());
    }

    @Test
    void unknownFeatureCommandIsNotForwarded() throws IOException {
        int before = listeners.received().size();
        assertEquals("UNAVAILABLE", converse(AgiTestClient.featureCode("PJSIP/listener1-0000002", "dance", null))
                .get("HELPLINE_LISTENER_RESULT"));
        assertEquals("UNAVAILABLE", converse(AgiTestClient.environment("listener", "PJSIP/listener1-0000002", "*49"))
                .get("HELPLINE_LISTENER_RESULT"));
        assertEquals(before, listeners.received().size());
    }
}
