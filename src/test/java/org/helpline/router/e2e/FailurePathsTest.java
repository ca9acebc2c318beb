package org.helpline.router.e2e;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.helpline.router.asterisk.agi.FastAgiServer;
import org.helpline.router.journal.JournalTables;
import org.helpline.router.journal.JournalWriter;
import org.helpline.router.routing.QueueAvailability;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.LineFixtures;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guide's "fail safe" rule, one failure at a time, end to end through the real FastAGI socket and the
 * real HTTP API: PostgreSQL stopped (routing answers from memory, the API says 503 rather than 500,
 * readiness goes down, and everything comes back, calls of the outage included); AMI down (the default test
 * profile: AMI on a closed port); and an internal error in a decision (the session ends without
 * {@code HELPLINE_ACTION}, so the dialplan's safe path answers, and the journal still counts the call).
 * A decision that is too slow, a failing live state, garbage and saturation are covered by
 * {@code FastAgiLiveStateTest} and {@code FastAgiRobustnessTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class FailurePathsTest {

    private static final String LINE = "e2e-failsafe";
    private static final String DIALLED = "0800000702";
    private static final String ENDPOINT = "PJSIP/e2e-failsafe-l1";
    /** Wednesday 25 November 2026, 10:17:23 in Paris: the line is open (an instant no other test uses). */
    private static final Instant OPEN_HOURS = ZonedDateTime.of(2026, 11, 25, 10, 17, 23, 0, ZoneId.of("Europe/Paris")).toInstant();

    @Inject
    FastAgiServer agi;
    @Inject
    QueueAvailability availability;
    @Inject
    JournalWriter writer;
    @Inject
    AgroalDataSource ds;

    private CapturedLogs logs;

    @BeforeEach
    void openLine() {
        QuarkusMock.installMockForType(Clock.fixed(OPEN_HOURS, ZoneOffset.UTC), Clock.class);
        if (asOperator().get("/api/lines/" + LINE).statusCode() != 200) {
            asOperator().contentType("application/json").body("""
                    {"code":"%s","name":"Ligne de secours","number":"+33800000702","timeZone":"Europe/Paris",
                     "language":"fr","maxWaitSeconds":60,"queue":"%s",
                     "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"}]}""".formatted(LINE, LINE))
                    .post("/api/lines").then().statusCode(201);
            LineFixtures.weekdayHours(LINE, "09:00", "21:00");
            LineFixtures.listener("Ecoutant Secours", ENDPOINT, LINE);
        }
        logs = CapturedLogs.start();
    }

    @AfterEach
    void noCallerNumberLogged() {
        logs.close();
        assertEquals(List.of(), logs.containing(AgiTestClient.CALLER_NUMBER.substring(1)));
    }

    @Test
    void databaseStoppedCallsStillRouteTheApiSays503AndEverythingComesBack() throws Exception {
        long listenerId = asOperator().get("/api/listeners").jsonPath().getLong("find { it.endpoint == '" + ENDPOINT + "' }.id");
        readiness().then().statusCode(200);
        List<String> outageCalls = new ArrayList<>();
        PostgresTestResource.stopServer();
        try {
            // Routing reads only memory: an open line queues, at once.
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Map<String, String> vars = route();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals("QUEUE", vars.get("HELPLINE_ACTION"), "call " + i + " during the outage");
                assertEquals(LINE, vars.get("HELPLINE_LINE"));
                assertTrue(millis < 500, "answered in " + millis + " ms without the database");
                outageCalls.add(vars.get("HELPLINE_CALL_ID"));
            }

            // The API: a problem saying the database is unavailable, never a 500.
            assertDatabaseUnavailable(asOperator().get("/api/lines"));
            assertDatabaseUnavailable(asOperator().get("/api/listeners/" + listenerId));
            assertDatabaseUnavailable(asOperator().contentType("application/json")
                    .body("{\"state\":\"CLOSED\",\"reason\":\"storm\"}").put("/api/lines/" + LINE + "/override"));
            assertDatabaseUnavailable(asOperator().accept("application/json")
                    .get("/api/reports/daily?line=" + LINE + "&from=2026-11-25&to=2026-11-25"));

            // Coordinators keep the live view: a recent login still authenticates, and supervision is in memory.
            asOperator().get("/api/supervision").then().statusCode(200);
            // An account never seen by this instance cannot be checked: the database error, not a 401.
            assertDatabaseUnavailable(TestAccounts.as("never-logged-in", "whatever-password").get("/api/supervision"));

            // Readiness: out of the load balancer while the database is away.
            Poll.until(Duration.ofSeconds(10), () -> readiness().then().statusCode(503).body("status", equalTo("DOWN")));
            Poll.until(Duration.ofSeconds(20), () -> assertTrue(writer.databaseDown(), "the journal noticed"));
        } finally {
            PostgresTestResource.restartServer();
            ds.flush(AgroalDataSource.FlushMode.ALL);
        }

        // Back: the API, readiness, and the calls of the outage in the journal.
        Poll.until(Duration.ofSeconds(30), () -> asOperator().get("/api/lines").then().statusCode(200));
        Poll.until(Duration.ofSeconds(10), () -> readiness().then().statusCode(200).body("status", equalTo("UP")));
        asOperator().get("/api/lines/" + LINE).then().statusCode(200).body("code", equalTo(LINE));
        JournalTables.await("the outage's calls replayed", Duration.ofSeconds(30), () -> {
            writer.flush();
            for (String id : outageCalls) {
                Map<String, Object> r = JournalTables.record(ds, id);
                if (r == null || !LINE.equals(r.get("line_code")) || r.get("started_at") == null) {
                    return false;
                }
            }
            return !writer.databaseDown() && !writer.spillPending();
        });
        assertEquals("QUEUE", route().get("HELPLINE_ACTION"), "and calls still route");
    }

    /** The failure twin of the outage: with the database up the same requests answer 200 and readiness is UP. */
    @Test
    void databaseUpTheSameRequestsSucceed() {
        asOperator().get("/api/lines").then().statusCode(200);
        asOperator().accept("application/json").get("/api/reports/daily?line=" + LINE + "&from=2026-11-25&to=2026-11-25")
                .then().statusCode(200);
        readiness().then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void amiDownRoutingQueuesOnUnknownStateAndShiftsAnswer503() throws IOException {
        assertTrue(availability.load(LINE).isEmpty(), "AMI is on a closed port in this profile: live state unknown");
        Map<String, String> vars = route();
        assertEquals("QUEUE", vars.get("HELPLINE_ACTION"), "unknown live state queues as configured");
        long listenerId = asOperator().get("/api/listeners").jsonPath().getLong("find { it.endpoint == '" + ENDPOINT + "' }.id");
        for (String action : List.of("login", "logout", "resume")) {
            asOperator().post("/api/listeners/" + listenerId + "/" + action).then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", endsWith("asterisk-unavailable")).body("status", equalTo(503));
        }
        readiness().then().statusCode(200); // AMI is not required for readiness: calls still route
    }

    @Test
    void internalErrorInTheDecisionLeavesNoActionAndTheCallIsJournalledAsFailed() throws Exception {
        long failedBefore = failedCalls();
        // A clock that breaks only on the decision threads: an unexpected exception inside the decision.
        QuarkusMock.installMockForType(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (Thread.currentThread().getName().startsWith("helpline-decision")) {
                    throw new IllegalStateException("simulated internal error");
                }
                return OPEN_HOURS;
            }
        }, Clock.class);
        long started = System.nanoTime();
        try (AgiTestClient client = new AgiTestClient(agi.port())) {
            client.converse(AgiTestClient.route(DIALLED));
            assertEquals(Map.of(), client.variables(), "no variable at all: the dialplan's safe path answers");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 1_000, "ended in " + millis + " ms");
        assertTrue(logs.containing("simulated internal error").isEmpty(), "the exception's message is not logged");
        JournalTables.await("the failed call journalled", Duration.ofSeconds(15), () -> {
            writer.flush();
            return failedCalls() == failedBefore + 1;
        });

        // Twin: the same request with a working clock is answered.
        QuarkusMock.installMockForType(Clock.fixed(OPEN_HOURS, ZoneOffset.UTC), Clock.class);
        Map<String, String> vars = route();
        assertEquals("QUEUE", vars.get("HELPLINE_ACTION"));
        assertNotNull(vars.get("HELPLINE_CALL_ID"));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private Map<String, String> route() throws IOException {
        try (AgiTestClient client = new AgiTestClient(agi.port())) {
            client.converse(AgiTestClient.route(DIALLED));
            return client.variables();
        }
    }

    private static Response readiness() {
        return given().get("/q/health/ready");
    }

    private static void assertDatabaseUnavailable(Response response) {
        response.then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(503))
                .body("type", endsWith("database-unavailable"));
    }

    private long failedCalls() throws Exception {
        return (Long) JournalTables.query(ds,
                "SELECT count(*) AS n FROM call_record WHERE outcome = 'FAILED' AND line_code IS NULL AND started_at = ?",
                java.time.OffsetDateTime.ofInstant(OPEN_HOURS, ZoneOffset.UTC)).get(0).get("n");
    }
}
