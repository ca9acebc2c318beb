package org.helpline.router.schedule.calendar;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.schedule.calendar.CalendarImportApiTest.calendar;
import static org.helpline.router.schedule.calendar.CalendarImportApiTest.dailyLine;
import static org.helpline.router.schedule.calendar.CalendarImportApiTest.status;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.as;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line subscribed to a calendar served by a real HTTP server on 127.0.0.1: it follows the calendar's changes
 * at the scheduled refreshes (the test moves the fixed clock, 1 December 2026, an hour on each time: past the
 * test profile's 30-minute interval) and keeps the last good copy while the server is down.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CalendarSubscriptionApiTest {

    static final Duration REFRESH = Duration.ofSeconds(20);

    @Inject
    RefreshLock lock;

    final AtomicReference<String> served = new AtomicReference<>();
    HttpServer server;
    int port;

    @BeforeEach
    void start() throws IOException {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), Clock.class);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/agenda.ics", exchange -> {
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/huge.ics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/calendar");
            exchange.sendResponseHeaders(200, 0);   // chunked: no Content-Length to check first
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] line = ("X-PAD:" + "x".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 1100; i++) {
                    out.write(line);
                }
            } catch (IOException closedByTheService) {
                // the service stops reading at the cap
            }
        });
        server.createContext("/moved.ics", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://calendar.example.org/agenda.ics");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static String christmas() {
        return calendar("BEGIN:VEVENT", "UID:noel@asso", "DTSTART;VALUE=DATE:20261225", "SUMMARY:Noël", "END:VEVENT",
                "BEGIN:VEVENT", "UID:an@asso", "DTSTART;VALUE=DATE:20270101", "SUMMARY:Jour de l'an", "END:VEVENT",
                "BEGIN:VEVENT", "UID:annule@asso", "DTSTART;VALUE=DATE:20270102", "STATUS:CANCELLED", "END:VEVENT");
    }

    JsonPath subscribe(String line, String url, String kind) {
        return asOperator().contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"kind\":\"" + kind + "\",\"label\":\"Agenda de l'association\"}")
                .post("/api/lines/" + line + "/calendar-subscriptions")
                .then().statusCode(201).header("Location", startsWith("http"))
                .extract().jsonPath();
    }

    @Test
    void theLineFollowsTheCalendarAndKeepsTheLastGoodCopyWhileTheServerIsDown() {
        dailyLine("abonne", "+33800000951");
        served.set(christmas());
        String url = "http://127.0.0.1:" + port + "/agenda.ics";
        JsonPath created = subscribe("abonne", url, "CLOSURE");
        long id = created.getLong("id");
        assertEquals(2, created.getInt("eventsImported"), created.prettify());
        assertEquals(1, created.getList("skipped").size());
        assertTrue(created.getString("skipped[0].reason").contains("CANCELLED"));
        assertNull(created.getString("lastError"));
        assertEquals("2026-12-01T00:00:00Z", created.getString("lastSuccessAt"));
        assertEquals("CLOSED/CLOSURE", status("abonne", "2026-12-25T11:00:00Z"));
        asOperator().get("/api/lines/abonne/closures").then().body("$", hasSize(2))
                .body("[0].subscriptionId", equalTo((int) id)).body("[0].uid", equalTo("noel@asso"));

        // The association moves Christmas' closure to Boxing Day and drops New Year's Day.
        served.set(calendar("BEGIN:VEVENT", "UID:noel@asso", "DTSTART;VALUE=DATE:20261226", "SUMMARY:Noël (décalé)",
                "END:VEVENT"));
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC), Clock.class);
        Poll.until(REFRESH, () -> assertEquals("OPEN/WEEKLY_HOURS", status("abonne", "2026-12-25T11:00:00Z")));
        assertEquals("CLOSED/CLOSURE", status("abonne", "2026-12-26T11:00:00Z"));
        assertEquals("OPEN/WEEKLY_HOURS", status("abonne", "2027-01-01T11:00:00Z"), "removed at the source");
        asOperator().get("/api/lines/abonne/calendar-subscriptions").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].eventsImported", equalTo(1))
                .body("[0].lastRefreshedAt", equalTo("2026-12-01T01:00:00Z"));

        // The server goes down: the refresh fails, says why, and the line keeps the last good copy.
        server.stop(0);
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC), Clock.class);
        Poll.until(REFRESH, () -> asOperator().get("/api/lines/abonne/calendar-subscriptions/" + id).then()
                .body("lastError", notNullValue()).body("lastRefreshedAt", equalTo("2026-12-01T02:00:00Z")));
        asOperator().get("/api/lines/abonne/calendar-subscriptions/" + id).then()
                .body("lastSuccessAt", equalTo("2026-12-01T01:00:00Z")).body("eventsImported", equalTo(1));
        assertEquals("CLOSED/CLOSURE", status("abonne", "2026-12-26T11:00:00Z"));
        asOperator().post("/api/lines/abonne/calendar-subscriptions/" + id + "/refresh").then().statusCode(200)
                .body("lastError", startsWith("the server cannot be reached"));
        assertEquals("CLOSED/CLOSURE", status("abonne", "2026-12-26T11:00:00Z"));

        // Unsubscribed: what it brought goes with it.
        asOperator().delete("/api/lines/abonne/calendar-subscriptions/" + id).then().statusCode(204);
        assertEquals("OPEN/WEEKLY_HOURS", status("abonne", "2026-12-26T11:00:00Z"));
        assertProblem(asOperator().delete("/api/lines/abonne/calendar-subscriptions/" + id), 404);
        asOperator().get("/api/audit?target=line:abonne").then().statusCode(200)
                .body("action", org.hamcrest.Matchers.hasItems("calendar-subscription.create",
                        "calendar-subscription.refresh", "calendar-subscription.delete", "calendar.refresh"));
    }

    @Test
    void subscriptionsOpenTheLineFromAFileAndCoordinatorsReadThem() throws IOException {
        dailyLine("fichier", "+33800000952");
        Path file = Files.createTempFile("ouvertures", ".ics");
        Files.writeString(file, calendar("BEGIN:VEVENT", "UID:nuit", "DTSTART;TZID=Europe/Paris:20261224T220000",
                "DTEND;TZID=Europe/Paris:20261225T020000", "SUMMARY:Nuit de Noël", "END:VEVENT"));
        long id = subscribe("fichier", file.toUri().toString(), "SPECIAL_OPENING").getLong("id");
        assertEquals("OPEN/SPECIAL_OPENING", status("fichier", "2026-12-24T23:30:00Z"));
        asOperator().get("/api/lines/fichier/special-openings").then().body("[0].subscriptionId", equalTo((int) id));

        asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"coord-agenda\",\"password\":\"coordinator-password\",\"roles\":[\"coordinator\"]}")
                .post("/api/users").then().statusCode(201);
        as("coord-agenda", "coordinator-password").get("/api/lines/fichier/calendar-subscriptions").then()
                .statusCode(200).body("[0].kind", equalTo("SPECIAL_OPENING")).body("[0].label", equalTo("Agenda de l'association"));
        as("coord-agenda", "coordinator-password").contentType(ContentType.JSON)
                .body("{\"url\":\"https://example.org/a.ics\",\"kind\":\"CLOSURE\"}")
                .post("/api/lines/fichier/calendar-subscriptions").then().statusCode(403);
        as("coord-agenda", "coordinator-password").delete("/api/lines/fichier/calendar-subscriptions/" + id)
                .then().statusCode(403);
        Files.delete(file);
        // The file is gone: the last good copy stays; deleting the line takes its calendars with it.
        asOperator().post("/api/lines/fichier/calendar-subscriptions/" + id + "/refresh").then().statusCode(200)
                .body("lastError", equalTo("no such file")).body("eventsImported", equalTo(1));
        asOperator().delete("/api/lines/fichier").then().statusCode(204);
        assertProblem(asOperator().get("/api/lines/fichier/calendar-subscriptions"), 404);
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheField() {
        dailyLine("refus", "+33800000953");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{\"kind\":\"CLOSURE\"}")
                .post("/api/lines/refus/calendar-subscriptions"), 400, "url");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"url\":\"http://calendar.example.org/a.ics\",\"kind\":\"CLOSURE\"}")
                .post("/api/lines/refus/calendar-subscriptions"), 400, "url");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"url\":\"ftp://example.org/a.ics\",\"kind\":\"CLOSURE\"}")
                .post("/api/lines/refus/calendar-subscriptions"), 400, "url");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"url\":\"https://example.org/a.ics\",\"kind\":\"HOLIDAY\"}")
                .post("/api/lines/refus/calendar-subscriptions"), 400, "kind");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"url\":\"https://example.org/a.ics\",\"kind\":\"CLOSURE\"}")
                .post("/api/lines/ghost/calendar-subscriptions"), 404);
        asOperator().get("/api/lines/refus/calendar-subscriptions").then().body("$", hasSize(0));
    }

    @Test
    void aRedirectToPlainHttpElsewhereIsRefusedAndUrlSecretsNeverShow() {
        dailyLine("secret", "+33800000954");
        try (CapturedLogs logs = CapturedLogs.start()) {
            JsonPath created = subscribe("secret",
                    "http://agenda:motdepasse@127.0.0.1:" + port + "/moved.ics?jeton=s3cr3t", "CLOSURE");
            assertEquals("http://***@127.0.0.1:" + port + "/moved.ics?jeton=***", created.getString("url"));
            assertTrue(created.getString("lastError").contains("redirected"), created.getString("lastError"));
            assertNull(created.getString("lastSuccessAt"));
            String audit = asOperator().get("/api/audit?target=line:secret").then().statusCode(200).extract().asString();
            String listed = asOperator().get("/api/lines/secret/calendar-subscriptions").then().extract().asString();
            for (String text : new String[] {audit, listed, String.join("\n", logs.lines())}) {
                assertFalse(text.contains("motdepasse") || text.contains("s3cr3t"), text);
            }
            assertTrue(logs.containing("could not be refreshed").size() > 0, "the failure is logged, masked");
        }
    }

    @Test
    void aCalendarOverTheCapIsRefusedAndReported() {
        dailyLine("enorme", "+33800000956");
        JsonPath created = subscribe("enorme", "http://127.0.0.1:" + port + "/huge.ics", "CLOSURE");
        assertEquals("the calendar is larger than 1048576 bytes", created.getString("lastError"));
        assertEquals(0, created.getInt("eventsImported"));
    }

    @Test
    void oneInstanceAtATimeRefreshesASource() throws Exception {
        dailyLine("verrou", "+33800000955");
        served.set(christmas());
        long id = subscribe("verrou", "http://127.0.0.1:" + port + "/agenda.ics", "CLOSURE").getLong("id");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(lock.tryLock(id));
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "other-instance");
        other.start();
        assertTrue(held.await(10, TimeUnit.SECONDS));
        // Another "instance" (another database session) holds the source: this one may not refresh it.
        assertFalse(QuarkusTransaction.requiringNew().call(() -> lock.tryLock(id)));
        release.countDown();
        other.join(10_000);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> lock.tryLock(id)), "released with the transaction");
    }
}
