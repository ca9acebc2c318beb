package org.helpline.router.schedule.calendar;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.helpline.router.audit.AuditEntry;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.helpline.router.schedule.calendar.CalendarImportApiTest.calendar;
import static org.helpline.router.schedule.calendar.CalendarImportApiTest.dailyLine;
import static org.helpline.router.schedule.calendar.CalendarImportApiTest.status;
import static org.helpline.router.schedule.calendar.CalendarSubscriptionApiTest.christmas;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.as;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscription to a calendar's secret address, served by a real HTTP server on 127.0.0.1 at Google's path
 * shape ({@code /calendar/ical/<id>/private-<key>/basic.ics}): the service fetches the real address, yet no
 * response (to an operator or a coordinator), audit entry, refresh error or log line ever holds the key; an
 * operator edits the subscription by sending back what the API showed without losing the secret, and replaces
 * the address with a PUT.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CalendarSubscriptionSecretsApiTest {

    static final String KEY = "9d3f0c2a7b8e41d6a5c0f7e2b1d4c8a3";
    static final String OTHER_KEY = "44c1e9b07a2d4f3e8b6a5d0c9e7f1a2b";
    static final String ID = "asso.ecoute%40gmail.com";
    static final String COORDINATOR = "coord-secret";

    final List<String> requested = new CopyOnWriteArrayList<>();
    HttpServer server;
    int port;

    @BeforeEach
    void start() throws IOException {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), Clock.class);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/calendar/ical/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            requested.add(path);
            boolean known = path.endsWith("/private-" + KEY + "/basic.ics") || path.endsWith("/private-" + OTHER_KEY + "/basic.ics");
            byte[] body = (known ? christmas() : "Not Found").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", known ? "text/calendar; charset=utf-8" : "text/plain");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        port = server.getAddress().getPort();
        if (asOperator().get("/api/users/" + COORDINATOR).statusCode() == 404) {
            asOperator().contentType(ContentType.JSON)
                    .body("{\"username\":\"" + COORDINATOR + "\",\"password\":\"coordinator-password\",\"roles\":[\"coordinator\"]}")
                    .post("/api/users").then().statusCode(201);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String path(String key) {
        return "/calendar/ical/" + ID + "/private-" + key + "/basic.ics";
    }

    String secretUrl(String key) {
        return "http://127.0.0.1:" + port + path(key);
    }

    String masked() {
        return "http://127.0.0.1:" + port + "/…/basic.ics";
    }

    static RequestSpecification asCoordinator() {
        return as(COORDINATOR, "coordinator-password");
    }

    @Test
    void theSecretAddressIsFetchedButNeverShownAuditedOrLogged() {
        dailyLine("secret-google", "+33800000941");
        try (CapturedLogs logs = CapturedLogs.start()) {
            JsonPath created = asOperator().contentType(ContentType.JSON)
                    .body(Map.of("url", secretUrl(KEY), "kind", "CLOSURE", "label", "Agenda de l'association"))
                    .post("/api/lines/secret-google/calendar-subscriptions").then().statusCode(201).extract().jsonPath();
            long id = created.getLong("id");
            assertEquals(masked(), created.getString("url"));
            assertEquals(2, created.getInt("eventsImported"), "the real address was read");
            assertEquals(List.of(path(KEY)), requested);
            assertEquals("CLOSED/CLOSURE", status("secret-google", "2026-12-25T11:00:00Z"));

            // The scheduled refresh fetches the real address again.
            asOperator().post("/api/lines/secret-google/calendar-subscriptions/" + id + "/refresh").then().statusCode(200)
                    .body("lastError", equalTo(null));
            assertEquals(List.of(path(KEY), path(KEY)), requested);

            String coordinatorList = asCoordinator().get("/api/lines/secret-google/calendar-subscriptions")
                    .then().statusCode(200).body("[0].url", equalTo(masked())).extract().asString();
            String coordinatorOne = asCoordinator().get("/api/lines/secret-google/calendar-subscriptions/" + id)
                    .then().statusCode(200).body("url", equalTo(masked())).extract().asString();
            String operatorList = asOperator().get("/api/lines/secret-google/calendar-subscriptions")
                    .then().statusCode(200).body("[0].url", equalTo(masked())).extract().asString();
            String closures = asCoordinator().get("/api/lines/secret-google/closures").then().statusCode(200).extract().asString();
            String audit = asOperator().get("/api/audit?target=line:secret-google").then().statusCode(200).extract().asString();
            assertTrue(audit.contains("calendar-subscription.create") && audit.contains(masked()), audit);
            for (String text : List.of(created.prettify(), coordinatorList, coordinatorOne, operatorList, closures, audit,
                    allAuditDetails(), String.join("\n", logs.lines()))) {
                assertFalse(text.contains(KEY) || text.contains("asso.ecoute"), text);
            }
        }
    }

    @Test
    void aFailingSecretAddressReportsWhyWithoutTheAddress() {
        dailyLine("secret-erreur", "+33800000942");
        try (CapturedLogs logs = CapturedLogs.start()) {
            String wrong = "http://127.0.0.1:" + port + "/calendar/ical/" + ID + "/private-" + OTHER_KEY + "0/basic.ics";
            JsonPath created = asOperator().contentType(ContentType.JSON).body(Map.of("url", wrong, "kind", "CLOSURE"))
                    .post("/api/lines/secret-erreur/calendar-subscriptions").then().statusCode(201).extract().jsonPath();
            assertEquals("the server answered HTTP 404", created.getString("lastError"));
            assertEquals("127.0.0.1", created.getString("label"), "the default label is the host, never the path");
            assertEquals(1, requested.size());
            // The server goes away: the network error is reported, still without the address.
            server.stop(0);
            String refreshed = asCoordinator().get("/api/lines/secret-erreur/calendar-subscriptions").then().statusCode(200)
                    .extract().asString();
            String error = asOperator().post("/api/lines/secret-erreur/calendar-subscriptions/" + created.getLong("id") + "/refresh")
                    .then().statusCode(200).extract().jsonPath().getString("lastError");
            assertTrue(error.startsWith("the server cannot be reached"), error);
            assertTrue(logs.containing("could not be refreshed").size() >= 2, "each failure is logged, masked");
            for (String text : List.of(created.prettify(), refreshed, error, allAuditDetails(), String.join("\n", logs.lines()))) {
                assertFalse(text.contains(OTHER_KEY) || text.contains("asso.ecoute"), text);
            }
        }
    }

    @Test
    void anEditThatSendsTheMaskedAddressBackKeepsTheSecretAndANewAddressReplacesIt() {
        dailyLine("secret-edition", "+33800000943");
        long id = asOperator().contentType(ContentType.JSON).body(Map.of("url", secretUrl(KEY), "kind", "CLOSURE"))
                .post("/api/lines/secret-edition/calendar-subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
        String one = "/api/lines/secret-edition/calendar-subscriptions/" + id;

        // The console's round trip: what GET gave, with a new label.
        JsonPath shown = asOperator().get(one).then().statusCode(200).extract().jsonPath();
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("url", shown.getString("url"), "kind", shown.getString("kind"), "label", "Fermetures 2027"))
                .put(one).then().statusCode(200).body("label", equalTo("Fermetures 2027")).body("url", equalTo(masked()));
        assertEquals(1, requested.size(), "nothing to read again: the address did not change");
        asOperator().post(one + "/refresh").then().statusCode(200).body("lastError", equalTo(null))
                .body("eventsImported", equalTo(2));
        assertEquals(path(KEY), requested.get(requested.size() - 1), "still the secret address, not its mask");

        // A label alone: the other fields are kept.
        asOperator().contentType(ContentType.JSON).body(Map.of("label", "Jours de fermeture")).put(one).then().statusCode(200)
                .body("kind", equalTo("CLOSURE")).body("url", equalTo(masked()));

        // The association gave a new secret address (Google's "reset"): read at once, and audited masked.
        int before = requested.size();
        asOperator().contentType(ContentType.JSON).body(Map.of("url", secretUrl(OTHER_KEY))).put(one).then().statusCode(200)
                .body("url", equalTo(masked())).body("lastError", equalTo(null)).body("eventsImported", equalTo(2));
        assertEquals(List.of(path(OTHER_KEY)), requested.subList(before, requested.size()));
        String audit = asOperator().get("/api/audit?target=line:secret-edition").then().statusCode(200).extract().asString();
        assertTrue(audit.contains("calendar-subscription.update") && audit.contains("\\\"urlChanged\\\":true"), audit);
        assertFalse(audit.contains(KEY) || audit.contains(OTHER_KEY), audit);

        // Closures become special openings: the ranges it brought change with it, keeping their ids.
        Set<Integer> ranges = new TreeSet<>(asOperator().get("/api/lines/secret-edition/closures").jsonPath().getList("id"));
        assertEquals(2, ranges.size());
        asOperator().contentType(ContentType.JSON).body(Map.of("kind", "SPECIAL_OPENING")).put(one).then().statusCode(200)
                .body("kind", equalTo("SPECIAL_OPENING")).body("eventsImported", equalTo(2));
        asOperator().get("/api/lines/secret-edition/closures").then().body("$", hasSize(0));
        asOperator().get("/api/lines/secret-edition/special-openings").then().body("$", hasSize(2))
                .body("[0].subscriptionId", equalTo((int) id));
        assertEquals(ranges, new TreeSet<>(asOperator().get("/api/lines/secret-edition/special-openings").jsonPath().getList("id")));
        assertTrue(status("secret-edition", "2026-12-25T11:00:00Z").startsWith("OPEN/"), "Christmas no longer closes the line");
        assertNull(asOperator().get(one).jsonPath().getString("lastError"));
    }

    @Test
    void aMaskedAddressAsANewOneOrAnEditByACoordinatorIsRefused() {
        dailyLine("secret-refus", "+33800000944");
        long id = asOperator().contentType(ContentType.JSON).body(Map.of("url", secretUrl(KEY), "kind", "CLOSURE"))
                .post("/api/lines/secret-refus/calendar-subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
        String one = "/api/lines/secret-refus/calendar-subscriptions/" + id;
        // Copied from the list into a new subscription: it could never be fetched.
        assertProblem(asOperator().contentType(ContentType.JSON).body(Map.of("url", masked(), "kind", "CLOSURE"))
                .post("/api/lines/secret-refus/calendar-subscriptions"), 400, "url");
        // Another masked address (not this subscription's) in an edit.
        assertProblem(asOperator().contentType(ContentType.JSON).body(Map.of("url", "https://***@example.org/a.ics"))
                .put(one), 400, "url");
        assertProblem(asOperator().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.org/a.ics")).put(one), 400, "url");
        assertProblem(asOperator().contentType(ContentType.JSON).body(Map.of("kind", "HOLIDAY")).put(one), 400, "kind");
        assertProblem(asOperator().contentType(ContentType.JSON).body(Map.of("label", "x")).put(
                "/api/lines/secret-refus/calendar-subscriptions/999999"), 404);
        asCoordinator().contentType(ContentType.JSON).body(Map.of("label", "x")).put(one).then().statusCode(403);
        asOperator().post(one + "/refresh").then().statusCode(200).body("lastError", equalTo(null));
        assertEquals(path(KEY), requested.get(requested.size() - 1), "the refused edits left the address alone");
    }

    /** Every audit entry's details, whatever its target: none may hold the key. */
    static String allAuditDetails() {
        return QuarkusTransaction.requiringNew().call(() -> String.join("\n", AuditEntry.<AuditEntry>listAll().stream()
                .map(e -> e.action + " " + e.target + " " + e.details).toList()));
    }
}
