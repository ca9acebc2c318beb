package org.helpline.router.schedule;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ScheduleApiTest {

    @Inject
    LineDirectory directory;

    static void createLine(String code, String number) {
        asOperator().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"%s","number":"%s","crisisNumbers":[{"label":"3114","number":"3114"}]}"""
                        .formatted(code, code, number))
                .post("/api/lines").then().statusCode(201);
    }

    static void weekendHours(String code) {
        asOperator().contentType(ContentType.JSON)
                .body("""
                        {"periods":[{"day":"FRIDAY","from":"09:00","to":"21:00"},
                                    {"day":"SATURDAY","from":"09:00","to":"21:00"},
                                    {"day":"SATURDAY","from":"22:00","to":"02:00"}]}""")
                .put("/api/lines/" + code + "/opening-hours")
                .then().statusCode(200).body("periods", hasSize(3));
    }

    @Test
    void openingHoursAreReplacedAndValidated() {
        createLine("hours", "+33800000201");
        weekendHours("hours");
        asOperator().get("/api/lines/hours/opening-hours").then().statusCode(200)
                .body("periods[2].from", equalTo("22:00")).body("periods[2].to", equalTo("02:00"));
        asOperator().queryParam("at", "2026-11-29T00:30:00Z").get("/api/lines/hours/status")
                .then().statusCode(200).body("open", equalTo(true)).body("reason", equalTo("WEEKLY_HOURS"))
                .body("nextChange", equalTo("2026-11-29T01:00:00Z"));

        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"periods\":[{\"day\":\"MONDAY\",\"from\":\"09:00\",\"to\":\"13:00\"},"
                        + "{\"day\":\"MONDAY\",\"from\":\"12:00\",\"to\":\"14:00\"}]}")
                .put("/api/lines/hours/opening-hours"), 400, "periods[1]");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"periods\":[{\"day\":\"MONDAY\",\"from\":\"9h\",\"to\":\"13:00\"}]}")
                .put("/api/lines/hours/opening-hours"), 400, "periods[0].from");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"periods\":[{\"day\":\"MONDAY\",\"from\":\"09:00\",\"to\":\"25:00\"}]}")
                .put("/api/lines/hours/opening-hours"), 400, "periods[0].to");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"periods\":[{\"day\":\"LUNDI\",\"from\":\"09:00\",\"to\":\"13:00\"}]}")
                .put("/api/lines/hours/opening-hours"), 400, "periods[0].day");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{}")
                .put("/api/lines/hours/opening-hours"), 400, "periods");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{\"periods\":[]}")
                .put("/api/lines/ghost/opening-hours"), 404);
        // The rejected requests changed nothing.
        asOperator().get("/api/lines/hours/opening-hours").then().body("periods", hasSize(3));
    }

    @Test
    void closuresAreCreatedListedDeletedAndDriveTheStatus() {
        createLine("noel", "+33800000211");
        weekendHours("noel");
        String location = asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-25T00:00\",\"to\":\"2026-12-26T00:00\",\"reason\":\"Noël\"}")
                .post("/api/lines/noel/closures")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/lines/noel/closures/"))
                .body("reason", equalTo("Noël")).extract().header("Location");

        asOperator().queryParam("at", "2026-12-25T11:00:00Z").get("/api/lines/noel/status")
                .then().statusCode(200)
                .body("open", equalTo(false)).body("reason", equalTo("CLOSURE"))
                .body("nextChange", equalTo("2026-12-26T08:00:00Z"));
        asOperator().get("/api/lines/noel/closures").then().statusCode(200).body("[0].from", equalTo("2026-12-25T00:00"));

        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-26T00:00\",\"to\":\"2026-12-25T00:00\",\"reason\":\"x\"}")
                .post("/api/lines/noel/closures"), 400, "to");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"25/12/2026\",\"to\":\"2026-12-26T00:00\",\"reason\":\"x\"}")
                .post("/api/lines/noel/closures"), 400, "from");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-24T00:00\",\"to\":\"2026-12-25T00:00\"}")
                .post("/api/lines/noel/closures"), 400, "reason");

        String id = location.substring(location.lastIndexOf('/') + 1);
        asOperator().delete("/api/lines/noel/closures/" + id).then().statusCode(204);
        assertProblem(asOperator().delete("/api/lines/noel/closures/" + id), 404);
        asOperator().queryParam("at", "2026-12-25T11:00:00Z").get("/api/lines/noel/status")
                .then().body("open", equalTo(true)).body("reason", equalTo("WEEKLY_HOURS"));
    }

    @Test
    void specialOpeningsOpenOutsideWeeklyHours() {
        createLine("sylvestre", "+33800000221");
        String location = asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-31T20:00\",\"to\":\"2027-01-01T04:00\",\"reason\":\"Saint-Sylvestre\"}")
                .post("/api/lines/sylvestre/special-openings")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/special-openings/"))
                .extract().header("Location");
        asOperator().queryParam("at", "2026-12-31T22:00:00Z").get("/api/lines/sylvestre/status")
                .then().body("open", equalTo(true)).body("reason", equalTo("SPECIAL_OPENING"))
                .body("nextChange", equalTo("2027-01-01T03:00:00Z"));
        asOperator().get("/api/lines/sylvestre/special-openings").then().body("[0].reason", equalTo("Saint-Sylvestre"));
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-31T20:00\",\"to\":\"2026-12-31T20:00\",\"reason\":\"x\"}")
                .post("/api/lines/sylvestre/special-openings"), 400, "to");
        String id = location.substring(location.lastIndexOf('/') + 1);
        // A special opening is not a closure: deleting it under /closures finds nothing.
        assertProblem(asOperator().delete("/api/lines/sylvestre/closures/" + id), 404);
        asOperator().delete("/api/lines/sylvestre/special-openings/" + id).then().statusCode(204);
        asOperator().get("/api/lines/sylvestre/special-openings").then().body("$", hasSize(0));
    }

    @Test
    void overrideForcesTheStatusAndIsPublishedToTheRoutingView() {
        // No weekly hours: the line is closed but for the override, so the status flips when it expires.
        createLine("forced", "+33800000231");
        Instant until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"OPEN\",\"until\":\"" + until + "\",\"reason\":\"Permanence\"}")
                .put("/api/lines/forced/override")
                .then().statusCode(200).body("state", equalTo("OPEN")).body("until", equalTo(until.toString()));
        asOperator().get("/api/lines/forced/status").then().statusCode(200)
                .body("open", equalTo(true)).body("reason", equalTo("OVERRIDE"))
                .body("nextChange", equalTo(until.toString()));
        asOperator().get("/api/lines/forced").then().body("override.reason", equalTo("Permanence"));

        LineView view = directory.byCode("forced").orElseThrow();
        assertTrue(view.schedule().override().open());
        assertEquals(until, view.schedule().override().until());

        asOperator().delete("/api/lines/forced/override").then().statusCode(204);
        asOperator().get("/api/lines/forced").then().body("override", nullValue());
        assertNull(directory.byCode("forced").orElseThrow().schedule().override());

        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"MAYBE\",\"until\":\"" + until + "\",\"reason\":\"x\"}")
                .put("/api/lines/forced/override"), 400, "state");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"OPEN\",\"until\":\"2020-01-01T00:00:00Z\",\"reason\":\"x\"}")
                .put("/api/lines/forced/override"), 400, "until");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"OPEN\",\"until\":\"tomorrow\",\"reason\":\"x\"}")
                .put("/api/lines/forced/override"), 400, "until");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"state\":\"OPEN\",\"until\":\"" + until + "\"}")
                .put("/api/lines/forced/override"), 400, "reason");
    }

    @Test
    void coordinatorsForceTheStateAndAreNamedInTheAuditButChangeNothingElse() {
        createLine("on-duty", "+33800000232");
        if (asOperator().get("/api/users/duty-coordinator").statusCode() == 404) {
            asOperator().contentType(ContentType.JSON)
                    .body("{\"username\":\"duty-coordinator\",\"password\":\"duty-coordinator-pw\",\"roles\":[\"coordinator\"]}")
                    .post("/api/users").then().statusCode(201);
        }
        Instant until = Instant.now().plus(10, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        asCoordinator().contentType(ContentType.JSON)
                .body("{\"state\":\"CLOSED\",\"until\":\"" + until + "\",\"reason\":\"Équipe incomplète ce soir\"}")
                .put("/api/lines/on-duty/override")
                .then().statusCode(200).body("state", equalTo("CLOSED"));
        asCoordinator().get("/api/lines/on-duty/status").then().statusCode(200)
                .body("open", equalTo(false)).body("reason", equalTo("OVERRIDE"));
        asCoordinator().get("/api/lines/on-duty").then().body("override.until", equalTo(until.toString()));
        assertProblem(asCoordinator().contentType(ContentType.JSON)
                .body("{\"state\":\"CLOSED\",\"until\":\"2020-01-01T00:00:00Z\",\"reason\":\"x\"}")
                .put("/api/lines/on-duty/override"), 400, "until");
        asCoordinator().delete("/api/lines/on-duty/override").then().statusCode(204);
        asCoordinator().get("/api/lines/on-duty").then().body("override", nullValue());

        var audit = asOperator().queryParam("target", "line:on-duty").get("/api/audit").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("override.clear", audit.getString("[0].action"));
        assertEquals("duty-coordinator", audit.getString("[0].actor"));
        assertEquals("override.set", audit.getString("[1].action"));
        assertEquals("duty-coordinator", audit.getString("[1].actor"));
        assertTrue(audit.getString("[1].details").contains("Équipe incomplète ce soir"));

        // Everything else about the schedule stays the operators': refused with the role it needs.
        asCoordinator().contentType(ContentType.JSON).body("{\"periods\":[]}")
                .put("/api/lines/on-duty/opening-hours").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/forbidden"))
                .body("detail", equalTo("Your account's role does not allow this action; it needs the role operator"));
        asCoordinator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-25T00:00\",\"to\":\"2026-12-26T00:00\",\"reason\":\"Noël\"}")
                .post("/api/lines/on-duty/closures").then().statusCode(403);
        asCoordinator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-25T00:00\",\"to\":\"2026-12-26T00:00\",\"reason\":\"Noël\"}")
                .post("/api/lines/on-duty/special-openings").then().statusCode(403);
    }

    private static io.restassured.specification.RequestSpecification asCoordinator() {
        return org.helpline.router.support.TestAccounts.as("duty-coordinator", "duty-coordinator-pw");
    }

    @Test
    void statusRejectsABadInstant() {
        createLine("instant", "+33800000241");
        assertProblem(asOperator().queryParam("at", "2026-12-25 10:00").get("/api/lines/instant/status"), 400, "at");
        asOperator().get("/api/lines/instant/status").then().statusCode(200)
                .body("open", equalTo(false)).body("reason", equalTo("OUTSIDE_HOURS")).body("nextChange", nullValue());
    }

    @Test
    void routingViewFollowsEveryScheduleChange() {
        createLine("view", "+33800000251");
        assertTrue(directory.byCode("view").isPresent());
        weekendHours("view");
        assertEquals(3, directory.byCode("view").orElseThrow().schedule().weekly().size());
        asOperator().contentType(ContentType.JSON)
                .body("{\"from\":\"2026-12-25T00:00\",\"to\":\"2026-12-26T00:00\",\"reason\":\"Noël\"}")
                .post("/api/lines/view/closures").then().statusCode(201);
        assertEquals(1, directory.byCode("view").orElseThrow().schedule().closures().size());
        asOperator().delete("/api/lines/view").then().statusCode(204);
        assertTrue(directory.byCode("view").isEmpty());
    }

    @Test
    void iCalendarImport() {
        // The import window is read from the clock: fix it before Christmas 2026.
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), Clock.class);
        createLine("ical", "+33800000262");
        String feed = String.join("\r\n",
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//jours feries//FR",
                "BEGIN:VEVENT", "UID:2026-12-25@feries", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226",
                "SUMMARY:Noël", "END:VEVENT",
                "BEGIN:VEVENT", "UID:2027-01-01@feries", "DTSTART;VALUE=DATE:20270101",
                "SUMMARY:Jour de l'an", "END:VEVENT",
                "BEGIN:VEVENT", "UID:reunion@feries", "DTSTART;VALUE=DATE:20270102", "STATUS:CANCELLED",
                "SUMMARY:Réunion", "END:VEVENT",
                "END:VCALENDAR", "");
        asOperator().contentType("text/calendar; charset=UTF-8").body(feed).post("/api/lines/ical/closures")
                .then().statusCode(200)
                .body("imported", equalTo(2)).body("updated", equalTo(0)).body("skipped", hasSize(1))
                .body("skipped[0].uid", equalTo("reunion@feries"))
                .body("closures[1].from", equalTo("2027-01-01T00:00")).body("closures[1].to", equalTo("2027-01-02T00:00"))
                .body("closures[1].uid", equalTo("2027-01-01@feries"));
        asOperator().contentType("text/calendar; charset=UTF-8").body(feed).post("/api/lines/ical/closures")
                .then().statusCode(200).body("imported", equalTo(0)).body("unchanged", equalTo(2));
        asOperator().get("/api/lines/ical/closures").then().body("$", hasSize(2)).body("[0].reason", equalTo("Noël"));

        assertProblem(asOperator().contentType("text/calendar; charset=UTF-8").body("hello").post("/api/lines/ical/closures"), 400, "body");
        assertProblem(asOperator().contentType("text/calendar; charset=UTF-8")
                .body("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026-12-25\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
                .post("/api/lines/ical/closures"), 400, "body");
        asOperator().get("/api/lines/ical/closures").then().body("$", hasSize(2));
    }
}
