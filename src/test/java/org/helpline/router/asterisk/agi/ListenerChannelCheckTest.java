package org.helpline.router.asterisk.agi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.helpline.router.asterisk.ami.AmiConnection;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.LineFixtures;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code listener} script believes a feature code only once Asterisk confirms, over AMI, that a live channel
 * with exactly the request's name and unique id is running the script. The fake manager answers {@code Getvar}
 * from the channels the test lists, as Asterisk 22 does.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ListenerChannelCheckTest {

    static final String LINE = "chk-line";
    static final String CHANNEL = "PJSIP/chk1-0000001a";
    static final String UNIQUE_ID = "1795418300.41";

    @Inject
    FastAgiServer server;
    @Inject
    AmiConnection link;

    private FakeAmiServer ami;

    @BeforeEach
    void setUp() throws IOException {
        ami = FakeAmiProfile.server();
        ami.listen();
        ami.answerPings(true);
        Poll.until(link::connected, Duration.ofSeconds(10), "the service logged in to the fake AMI");
        if (asOperator().get("/api/lines/" + LINE).statusCode() == 404) {
            asOperator().contentType("application/json").body("""
                    {"code":"%s","name":"Check","number":"+33800000399","crisisNumbers":[{"label":"3114","number":"3114"}]}"""
                    .formatted(LINE)).post("/api/lines").then().statusCode(201);
            LineFixtures.listener("Écoutant C", "PJSIP/chk1", LINE);
        }
    }

    @AfterEach
    void tearDown() {
        ami.channels(List.of());
        ami.reply("Getvar", null);
    }

    @Test
    void aFeatureCodeFromTheListenersOwnLiveChannelIsCarriedOut() throws IOException {
        live(CHANNEL, UNIQUE_ID, "AGI", "agi://127.0.0.1:4573/listener,login,");
        int adds = ami.actions("QueueAdd").size();
        assertEquals("OK", featureCode(CHANNEL, UNIQUE_ID, "login"));
        assertEquals(adds + 1, ami.actions("QueueAdd").size());
        assertEquals("PJSIP/chk1", ami.actions("QueueAdd").get(adds).get("Interface"));
        List<Map<String, String>> asked = ami.actions("Getvar");
        assertTrue(asked.stream().anyMatch(a -> CHANNEL.equals(a.get("Channel")) && "UNIQUEID".equals(a.get("Variable"))),
                "asked Asterisk about the very channel: " + asked);
    }

    @Test
    void aForgedUniqueIdChangesNothing() throws IOException {
        live(CHANNEL, UNIQUE_ID, "AGI", "agi://127.0.0.1:4573/listener,logout,");
        int removes = ami.actions("QueueRemove").size();
        assertEquals("NOT_ALLOWED", featureCode(CHANNEL, "1795418300.40", "logout"));
        assertEquals(removes, ami.actions("QueueRemove").size(), "nobody logged out");
    }

    @Test
    void aChannelNameNoLiveChannelHasChangesNothing() throws IOException {
        int removes = ami.actions("QueueRemove").size();
        assertEquals("NOT_ALLOWED", featureCode(CHANNEL, UNIQUE_ID, "logout"));
        assertEquals(removes, ami.actions("QueueRemove").size());
    }

    @Test
    void theListenersChannelInACallIsNotAFeatureCode() throws IOException {
        // Name and unique id of the listener's leg of a call in progress, as someone watching could learn them.
        live(CHANNEL, UNIQUE_ID, "AppQueue", "(Outgoing Line)");
        int removes = ami.actions("QueueRemove").size();
        assertEquals("NOT_ALLOWED", featureCode(CHANNEL, UNIQUE_ID, "logout"));
        assertEquals(removes, ami.actions("QueueRemove").size());
    }

    @Test
    void anAsteriskThatDoesNotAnswerGivesUnavailableInBoundedTime() throws IOException {
        live(CHANNEL, UNIQUE_ID, "AGI", "agi://127.0.0.1:4573/listener,login,");
        ami.reply("Getvar", "");
        long started = System.nanoTime();
        assertEquals("UNAVAILABLE", featureCode(CHANNEL, UNIQUE_ID, "login"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 3_000, "answered after " + millis + " ms");
    }

    @Test
    void anAsteriskThatRefusesGetvarGivesUnavailable() throws IOException {
        live(CHANNEL, UNIQUE_ID, "AGI", "agi://127.0.0.1:4573/listener,login,");
        ami.reply("Getvar", "Response: Error\nMessage: Permission denied");
        int adds = ami.actions("QueueAdd").size();
        assertEquals("UNAVAILABLE", featureCode(CHANNEL, UNIQUE_ID, "login"));
        assertEquals(adds, ami.actions("QueueAdd").size());
    }

    private void live(String channel, String uniqueId, String application, String data) {
        ami.channels(List.of("""
                Event: CoreShowChannel
                Channel: %s
                ChannelState: 6
                ChannelStateDesc: Up
                Context: listeners
                Exten: *41
                Priority: 2
                Uniqueid: %s
                Linkedid: %s
                Application: %s
                ApplicationData: %s
                Duration: 00:00:01
                BridgeId:\s""".formatted(channel, uniqueId, uniqueId, application, data)));
    }

    private String featureCode(String channel, String uniqueId, String command) throws IOException {
        Map<String, String> env = AgiTestClient.environment("listener", channel, "*41", command);
        env.put("agi_uniqueid", uniqueId);
        env.put("agi_context", "listeners");
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(env);
            return client.variables().get("HELPLINE_LISTENER_RESULT");
        }
    }
}
