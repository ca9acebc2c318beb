package org.helpline.router.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input an attacker (or a careless script) sends: control characters, values longer than their columns,
 * absurd years, offset time zones, premium-rate crisis numbers. Each is refused with a 400 problem naming the
 * field, and nothing of it leaves a stack trace in the log; each has a well-formed twin that is accepted.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class HostileInputTest {

    private static String line(String code, String number, String name, String zone, String crisisLabel,
                               String crisisNumber) {
        return """
                {"code":"%s","name":"%s","number":"%s","timeZone":"%s",
                 "crisisNumbers":[{"label":"%s","number":"%s"}]}""".formatted(code, name, number, zone, crisisLabel,
                crisisNumber);
    }

    private static Response create(String body) {
        return asOperator().contentType(ContentType.JSON).body(body).post("/api/lines");
    }

    @Test
    void controlCharactersInABodyAreRefusedNamingTheField() {
        assertProblem(create(line("nul-name", "+33800012901", "Écoute\\u0000nuit", "Europe/Paris", "3114", "3114")),
                400, "name");
        create(line("nul-name", "+33800012901", "Écoute\\u0000nuit", "Europe/Paris", "3114", "3114"))
                .then().body("errors[0].message", equalTo(TextInput.REFUSED));
        assertProblem(create(line("tab-label", "+33800012902", "Écoute", "Europe/Paris", "31\\t14", "3114")),
                400, "crisisNumbers[0].label");
        assertProblem(create(line("lf-name", "+33800012903", "a\\nb", "Europe/Paris", "3114", "3114")), 400, "name");
        assertProblem(create(line("c1-name", "+33800012904", "a\\u0085b", "Europe/Paris", "3114", "3114")), 400, "name");
        assertProblem(create(line("lone-surrogate", "+33800012905", "a\\ud800b", "Europe/Paris", "3114", "3114")),
                400, "name");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"displayName\":\"Ca\\u0000mille\",\"endpoint\":\"PJSIP/l1\",\"lines\":[\"x\\u0000\"]}")
                .post("/api/listeners"), 400, "displayName");

        create(line("emoji-name", "+33800012906", "Écoute 🌙 de nuit", "Europe/Paris", "3114", "3114"))
                .then().statusCode(201).body("name", equalTo("Écoute 🌙 de nuit"));
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-25T00:00\",\"to\":\"2026-12-26T00:00\",\"reason\":\"No\\u0000el\"}")
                .post("/api/lines/emoji-name/closures"), 400, "reason");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"CLOSED\",\"until\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\",\"reason\":\"\\u0000\"}")
                .put("/api/lines/emoji-name/override"), 400, "reason");
    }

    @Test
    void controlCharactersInPathAndQueryParametersAreRefusedNamingTheParameter() {
        assertProblem(asOperator().urlEncodingEnabled(false).get("/api/lines/ab%00cd"), 400, "code");
        assertProblem(asOperator().urlEncodingEnabled(false).get("/api/lines/ab%0Acd/closures"), 400, "code");
        assertProblem(asOperator().urlEncodingEnabled(false)
                .get("/api/reports/daily?line=nuit%00&from=2026-11-01&to=2026-11-02"), 400, "line");
        assertProblem(asOperator().urlEncodingEnabled(false).get("/api/audit?target=line:%00"), 400, "target");
        asOperator().get("/api/lines/no-such-line").then().statusCode(404);
    }

    @Test
    void hostileCalendarsNeverCauseA500OrAStackTrace() {
        create(line("ical-long-uid", "+33800012907", "Import", "Europe/Paris", "3114", "3114")).then().statusCode(201);
        String uid = "u".repeat(300);
        String calendar = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
                "UID:" + uid, "DTSTART:20261225T000000", "DTEND:20261226T000000", "SUMMARY:Noël", "END:VEVENT",
                "END:VCALENDAR", "");
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (String hostile : List.of(calendar,
                    calendar.replace("UID:" + uid, "UID:ok-1").replace("SUMMARY:Noël", "SUMMARY:No\u0000el"))) {
                Response r = asOperator().contentType("text/calendar").body(hostile)
                        .post("/api/lines/ical-long-uid/closures");
                assertTrue(r.statusCode() < 500, r.statusCode() + " " + r.asString());
                if (r.statusCode() >= 400) {
                    assertProblem(r, r.statusCode());
                }
            }
            List<String> traces = logs.lines().stream().filter(l -> l.contains("\tat ") || l.contains("Exception:")).toList();
            assertTrue(traces.isEmpty(), "no stack trace for a client's error: " + traces);
        }
    }

    @Test
    void yearsOutsideSaneBoundsAreRefused() {
        create(line("years", "+33800012908", "Années", "Europe/Paris", "3114", "3114")).then().statusCode(201);
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"+999999999-01-01T00:00\",\"to\":\"+999999999-01-02T00:00\",\"reason\":\"x\"}")
                .post("/api/lines/years/closures"), 400, "from");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"1999-12-31T00:00\",\"to\":\"2026-01-02T00:00\",\"reason\":\"x\"}")
                .post("/api/lines/years/special-openings"), 400, "from");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"CLOSED\",\"until\":\"+1000000000-01-01T00:00:00Z\",\"reason\":\"x\"}")
                .put("/api/lines/years/override"), 400, "until");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"CLOSED\",\"until\":\"" + Instant.now().plus(800, ChronoUnit.DAYS) + "\",\"reason\":\"x\"}")
                .put("/api/lines/years/override"), 400, "until");
        assertProblem(asOperator().queryParam("at", "2201-01-01T00:00:00Z").get("/api/lines/years/status"), 400, "at");
        assertProblem(asOperator().get("/api/reports/daily?from=1970-01-01&to=1970-01-02"), 400, "from");

        asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"CLOSED\",\"until\":\"" + Instant.now().plus(700, ChronoUnit.DAYS) + "\",\"reason\":\"travaux\"}")
                .put("/api/lines/years/override").then().statusCode(200);
        asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2199-12-24T00:00\",\"to\":\"2199-12-26T00:00\",\"reason\":\"x\"}")
                .post("/api/lines/years/closures").then().statusCode(201);
    }

    @Test
    void onlyRegionTimeZonesAreAccepted() {
        for (String zone : List.of("UTC+01:00", "GMT+1", "Etc/GMT-1", "+01:00", "Z", "CET", "EST", "Etc/UTC", "GMT")) {
            assertProblem(create(line("zone-x", "+33800012909", "Zone", zone, "3114", "3114")), 400, "timeZone");
        }
        create(line("zone-montreal", "+33800012910", "Zone", "America/Montreal", "3114", "3114")).then().statusCode(201);
        create(line("zone-utc", "+33800012911", "Zone", "UTC", "3114", "3114")).then().statusCode(201)
                .body("timeZone", equalTo("UTC"));
    }

    @Test
    void crisisNumbersAreShortNationalNumbersOrAllowListed() {
        for (String number : List.of("0899123456", "0033123456789", "+33899123456", "0800235236", "1234567", "0112")) {
            assertProblem(create(line("crisis-x", "+33800012912", "Crise", "Europe/Paris", "Numéro", number)),
                    400, "crisisNumbers[0].number");
        }
        create(line("crisis-short", "+33800012913", "Crise", "Europe/Paris", "Médecin", "116117")).then().statusCode(201);
        // Allow-listed for the tests in application.properties (helpline.lines.allowed-crisis-numbers).
        create(line("crisis-listed", "+33800012914", "Crise", "Europe/Paris", "Fil Santé Jeunes", "+33800235236"))
                .then().statusCode(201);
    }
}
