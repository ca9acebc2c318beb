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
 * The {@code listener} script believes a feature code only once Asterisk shows, over AMI, that the phone channel the
 * request names is live and holds the request's one-time secret ({@code HELPLINE_FEATURE_NONCE}, set by the
 * dialplan on the phone's channel while its Local channel runs the script). The fake manager answers
 * {@code Getvar} from the channels and variables the test sets, as Asterisk 22 does.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ListenerChannelCheckTest {

    static final String LINE = "chk-line";
    static final String PHONE = "PJSIP/chk1-0000001a";
    static final String OTHER_PHONE = "PJSIP/chk2-0000001b";
    static final String SECRET = "0d9f6b1e2c3a4f5e6d7c8b9a0f1e2d3c4b5a6978";
    static final String NONCE = "HELPLINE_FEATURE_NONCE";

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
            LineFixtures.listener("Écoutant D", "PJSIP/chk2", LINE);
            // The phone of the recorded sessions (agi-listener-sessions.txt).
            LineFixtures.listener("Écoutant S", "PJSIP/suite-l01", LINE);
        }
    }

    @AfterEach
    void tearDown() {
        ami.channels(List.of());
        ami.reply("Getvar", null);
    }

    @Test
    void aFeatureCodeFromTheListenersOwnPhoneIsCarriedOut() throws IOException {
        ami.channels(List.of(dialling(PHONE, "login")));
        ami.variables(PHONE, Map.of(NONCE, SECRET));
        int adds = ami.actions("QueueAdd").size();
        int asked = ami.actions("Getvar").size();
        assertEquals("OK", featureCode(PHONE, SECRET, "login"));
        assertEquals(adds + 1, ami.actions("QueueAdd").size());
        assertEquals("PJSIP/chk1", ami.actions("QueueAdd").get(adds).get("Interface"));
        List<Map<String, String>> getvars = ami.actions("Getvar").subList(asked, ami.actions("Getvar").size());
        assertEquals(1, getvars.size(), "one question: " + getvars);
        assertEquals(PHONE, getvars.get(0).get("Channel"), "asked about the phone's channel, not the Local one");
        assertEquals(NONCE, getvars.get(0).get("Variable"));
    }

    @Test
    void aWrongSecretChangesNothing() throws IOException {
        ami.channels(List.of(dialling(PHONE, "logout")));
        ami.variables(PHONE, Map.of(NONCE, SECRET));
        int removes = ami.actions("QueueRemove").size();
        String guess = SECRET.substring(0, 39) + "9";
        assertEquals("NOT_ALLOWED", featureCode(PHONE, guess, "logout"));
        assertEquals(removes, ami.actions("QueueRemove").size(), "nobody logged out");
    }

    @Test
    void aPhoneChannelNoLiveChannelHasChangesNothing() throws IOException {
        int removes = ami.actions("QueueRemove").size();
        assertEquals("NOT_ALLOWED", featureCode(PHONE, SECRET, "logout"));
        assertEquals(removes, ami.actions("QueueRemove").size());
    }

    @Test
    void theListenersChannelInACallHoldsNoSecret() throws IOException {
        // Name of the listener's leg of a call in progress, as someone watching could learn it: no feature code runs.
        ami.channels(List.of(channel(PHONE, "AppQueue", "(Outgoing Line)")));
        int removes = ami.actions("QueueRemove").size();
        assertEquals("NOT_ALLOWED", featureCode(PHONE, SECRET, "logout"));
        assertEquals(removes, ami.actions("QueueRemove").size());
    }

    @Test
    void anotherPhonesSecretDoesNotActForThisPhone() throws IOException {
        // chk1 is dialling a feature code; the request claims chk2 (on a call) with chk1's secret.
        ami.channels(List.of(dialling(PHONE, "pause"), channel(OTHER_PHONE, "AppQueue", "(Outgoing Line)")));
        ami.variables(PHONE, Map.of(NONCE, SECRET));
        int pauses = ami.actions("QueuePause").size();
        assertEquals("NOT_ALLOWED", featureCode(OTHER_PHONE, SECRET, "pause"));
        assertEquals(pauses, ami.actions("QueuePause").size(), "chk2 is not paused");
    }

    @Test
    void aRequestThePhoneGaveUpOnChangesNothingLater() throws IOException {
        // The dialplan cleared the secret when its Dial() gave up (a frozen service thawing later).
        ami.channels(List.of(channel(PHONE, "Playback", "helpline/listener-unavailable")));
        ami.variables(PHONE, Map.of(NONCE, ""));
        int adds = ami.actions("QueueAdd").size();
        assertEquals("NOT_ALLOWED", featureCode(PHONE, SECRET, "login"));
        assertEquals(adds, ami.actions("QueueAdd").size());
    }

    @Test
    void anAsteriskThatDoesNotAnswerGivesUnavailableInBoundedTime() throws IOException {
        ami.channels(List.of(dialling(PHONE, "login")));
        ami.variables(PHONE, Map.of(NONCE, SECRET));
        ami.reply("Getvar", "");
        long started = System.nanoTime();
        assertEquals("UNAVAILABLE", featureCode(PHONE, SECRET, "login"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 2_000, "answered after " + millis + " ms, before the dialplan gives up");
    }

    @Test
    void anAsteriskThatRefusesGetvarGivesUnavailable() throws IOException {
        ami.channels(List.of(dialling(PHONE, "login")));
        ami.variables(PHONE, Map.of(NONCE, SECRET));
        ami.reply("Getvar", "Response: Error\nMessage: Permission denied");
        int adds = ami.actions("QueueAdd").size();
        assertEquals("UNAVAILABLE", featureCode(PHONE, SECRET, "login"));
        assertEquals(adds, ami.actions("QueueAdd").size());
    }

    @Test
    void recordedFeatureCodesFromARealAsteriskAreCarriedOutForThePhone() throws IOException {
        List<AgiTranscriptReplayTest.Recorded> sessions = AgiTranscriptReplayTest.sessions("agi-listener-sessions.txt");
        assertEquals(2, sessions.size());
        for (AgiTranscriptReplayTest.Recorded recorded : sessions) {
            Map<String, String> env = recorded.environment();
            assertEquals("Local", env.get("agi_type"), "the script runs on the Local channel");
            String phone = env.get("agi_arg_3");
            String secret = env.get("agi_arg_4");
            ami.channels(List.of(dialling(phone, env.get("agi_arg_1"))));
            ami.variables(phone, Map.of(NONCE, secret));
            int adds = ami.actions("QueueAdd").size();
            int pauses = ami.actions("QueuePause").size();
            assertEquals(recorded.answered().get("HELPLINE_LISTENER_RESULT"), replay(env), env.get("agi_extension"));
            if ("login".equals(env.get("agi_arg_1"))) {
                assertEquals(adds + 1, ami.actions("QueueAdd").size());
                assertEquals("PJSIP/suite-l01", ami.actions("QueueAdd").get(adds).get("Interface"));
            } else {
                assertEquals(pauses + 1, ami.actions("QueuePause").size());
                assertEquals("PJSIP/suite-l01", ami.actions("QueuePause").get(pauses).get("Interface"));
            }
        }
    }

    @Test
    void aRecordedFeatureCodeReplayedOnceItsPhoneHungUpChangesNothing() throws IOException {
        // The same bytes sent again by someone who saw them: the phone's channel is gone.
        Map<String, String> env = AgiTranscriptReplayTest.sessions("agi-listener-sessions.txt").get(0).environment();
        int adds = ami.actions("QueueAdd").size();
        assertEquals("NOT_ALLOWED", replay(env));
        assertEquals(adds, ami.actions("QueueAdd").size());
    }

    private String replay(Map<String, String> env) throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(env);
            return client.variables().get("HELPLINE_LISTENER_RESULT");
        }
    }

    /** The phone's channel while it dials the Local channel of a feature code. */
    private static String dialling(String phone, String command) {
        return channel(phone, "Dial", "Local/" + command + "-@helpline-feature-ask/n,2");
    }

    private static String channel(String channel, String application, String data) {
        return """
                Event: CoreShowChannel
                Channel: %s
                ChannelState: 6
                ChannelStateDesc: Up
                Context: helpline-feature
                Exten: s
                Priority: 4
                Uniqueid: 1795418300.41
                Linkedid: 1795418300.41
                Application: %s
                ApplicationData: %s
                Duration: 00:00:01
                BridgeId:\s""".formatted(channel, application, data);
    }

    private String featureCode(String phone, String secret, String command) throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.converse(AgiTestClient.featureCode(phone, secret, command, null));
            return client.variables().get("HELPLINE_LISTENER_RESULT");
        }
    }
}
