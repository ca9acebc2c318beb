package org.helpline.router.asterisk.agi;

import org.helpline.router.support.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.helpline.router.routing.CallRouted;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.helpline.router.asterisk.agi.AgiTestLines.paris;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every routing decision, asked over a real FastAGI socket the way Asterisk asks it. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class FastAgiRouteTest {

    @Inject
    FastAgiServer server;
    @Inject
    RecordedCalls recorded;

    private CapturedLogs logs;

    @BeforeEach
    void setUp() {
        at(AgiTestLines.WEDNESDAY_MORNING);
        AgiTestLines.ensureCreated();
        logs = CapturedLogs.start();
    }

    @AfterEach
    void noCallerNumberLogged() {
        logs.close();
        assertEquals(List.of(), logs.containing(AgiTestClient.CALLER_NUMBER.substring(1)));
    }

    private static void at(Instant instant) {
        QuarkusMock.installMockForType(Clock.fixed(instant, ZoneOffset.UTC), Clock.class);
    }

    private Map<String, String> route(Map<String, String> environment) throws IOException {
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            List<String> commands = client.converse(environment);
            assertTrue(commands.size() <= 4, "a few round trips, not dozens: " + commands);
            return client.variables();
        }
    }

    @Test
    void openLineQueuesWithEverythingTheDialplanNeeds() throws IOException {
        Map<String, String> vars = route(AgiTestClient.route("0800123456"));
        assertEquals(List.of("HELPLINE_CALL_ID", "HELPLINE_LINE", "HELPLINE_ROUTE", "HELPLINE_ACTION"),
                List.copyOf(vars.keySet()), "HELPLINE_ACTION comes last");
        assertEquals("QUEUE", vars.get("HELPLINE_ACTION"));
        assertEquals(AgiTestLines.OPEN, vars.get("HELPLINE_LINE"));
        assertEquals("ecoute|40|fr|3114&15|1|3114||Europe/Paris|+33800123456|", vars.get("HELPLINE_ROUTE"),
                "no recording of its own: MESSAGES is empty");
        UUID.fromString(vars.get("HELPLINE_CALL_ID"));
        // the service's log says what was decided, which also proves the log capture works
        assertFalse(logs.containing("Call " + vars.get("HELPLINE_CALL_ID") + " on line agi-ecoute: QUEUE").isEmpty());
    }

    @Test
    void everyFormOfTheDialledNumberFindsTheLine() throws IOException {
        for (String dialled : List.of("+33800123456", "0033800123456", "33800123456")) {
            assertEquals(AgiTestClient.route(dialled).get("agi_dnid"), dialled);
            assertEquals(AgiTestLines.OPEN, route(AgiTestClient.route(dialled)).get("HELPLINE_LINE"), dialled);
        }
        Map<String, String> byExtension = AgiTestClient.route("0800123456");
        byExtension.put("agi_dnid", "unknown");
        assertEquals(AgiTestLines.OPEN, route(byExtension).get("HELPLINE_LINE"));
    }

    @Test
    void explicitLineCodeWins() throws IOException {
        Map<String, String> vars = route(AgiTestClient.route("0899999999", AgiTestLines.OVERRIDE));
        assertEquals(AgiTestLines.OVERRIDE, vars.get("HELPLINE_LINE"));
        assertEquals("UNKNOWN_LINE", route(AgiTestClient.route("0800123456", "no-such-line")).get("HELPLINE_ACTION"));
    }

    @Test
    void closedLineSaysWhenItReopens() throws IOException {
        at(AgiTestLines.WEDNESDAY_NIGHT);
        Map<String, String> vars = route(AgiTestClient.route("0800123456"));
        assertEquals("CLOSED", vars.get("HELPLINE_ACTION"));
        long thursdayNine = paris(26, 9, 0).getEpochSecond();
        assertEquals("ecoute|40|fr|3114&15|1|3114|" + thursdayNine + "|Europe/Paris|+33800123456|", vars.get("HELPLINE_ROUTE"));
    }

    @Test
    void closureClosesDuringOpeningHours() throws IOException {
        Map<String, String> vars = route(AgiTestClient.route("0800123460"));
        assertEquals("CLOSED", vars.get("HELPLINE_ACTION"));
        assertTrue(vars.get("HELPLINE_ROUTE").contains("|" + paris(25, 14, 0).getEpochSecond() + "|"));
        at(paris(25, 14, 30));
        assertEquals("QUEUE", route(AgiTestClient.route("0800123460")).get("HELPLINE_ACTION"));
    }

    @Test
    void overrideOpensAfterHours() throws IOException {
        at(AgiTestLines.WEDNESDAY_NIGHT);
        assertEquals("QUEUE", route(AgiTestClient.route("0800123461")).get("HELPLINE_ACTION"));
        at(paris(26, 2, 30));
        assertEquals("CLOSED", route(AgiTestClient.route("0800123461")).get("HELPLINE_ACTION"));
    }

    @Test
    void strangerNumberIsAnUnknownLine() throws IOException {
        Map<String, String> vars = route(AgiTestClient.route("0899999999"));
        assertEquals(List.of("HELPLINE_CALL_ID", "HELPLINE_ACTION"), List.copyOf(vars.keySet()));
        assertEquals("UNKNOWN_LINE", vars.get("HELPLINE_ACTION"));
    }

    @Test
    void theRouteIsAnnouncedWithTheCallerNumberInMemoryOnly() throws IOException {
        Map<String, String> vars = route(AgiTestClient.route("0800123456"));
        String callId = vars.get("HELPLINE_CALL_ID");
        CallRouted event = Poll.value(() -> recorded.byCallId(callId), Duration.ofSeconds(5), "the CallRouted event");
        assertEquals(AgiTestClient.CALLER_NUMBER, event.callerNumber());
        assertEquals("QUEUE", event.action());
        assertEquals("ecoute", event.queue());
        assertEquals(AgiTestLines.OPEN, event.lineCode());
        assertEquals(AgiTestLines.WEDNESDAY_MORNING, event.at());
        assertFalse(event.toString().contains(AgiTestClient.CALLER_NUMBER));
    }

    @Test
    void readinessReportsTheListeningServer() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("FastAGI"));
        assertTrue(server.listening());
    }
}
