package org.helpline.router.journal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.helpline.router.routing.CallRouted;
import org.helpline.router.supervision.CallProgress;
import org.helpline.router.supervision.CallProgress.Stage;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.journal.JournalTables.await;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/reports/daily} and {@code /weekly}: figures as JSON and CSV, access, and every bad parameter. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class JournalReportApiTest {

    static final String LINE = "journal-report";
    private static final String COORDINATOR = "journal-coordinator";
    private static final String PASSWORD = "journal-coordinator-password";

    @Inject
    Event<CallRouted> routed;
    @Inject
    Event<CallProgress> progress;
    @Inject
    JournalWriter writer;

    @BeforeEach
    void lineCallsAndCoordinator() throws Exception {
        JournalTables.ensureLine(LINE, "+33800000053");
        if (asOperator().get("/api/users/" + COORDINATOR).statusCode() == 404) {
            asOperator().contentType("application/json")
                    .body("{\"username\":\"" + COORDINATOR + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"coordinator\"]}")
                    .post("/api/users").then().statusCode(201);
        }
        if (daily("2026-06-01", "2026-06-01").path("[0].offered").equals(2)) {
            return;
        }
        // Monday 1 June 2026: one answered call (wait 12 s) and one closed-hours call; Sunday 7 June: one abandon.
        call(Instant.parse("2026-06-01T08:00:00Z"), "QUEUE", 12L, "ANSWERED");
        call(Instant.parse("2026-06-01T21:00:00Z"), "CLOSED", null, null);
        call(Instant.parse("2026-06-07T10:00:00Z"), "QUEUE", 50L, "ABANDONED");
        await("the report's calls", Duration.ofSeconds(15), () -> {
            writer.flush();
            return daily("2026-06-01", "2026-06-07").path("[6].abandoned").equals(1)
                    && daily("2026-06-01", "2026-06-07").path("[0].offered").equals(2);
        });
    }

    private void call(Instant at, String action, Long wait, String end) {
        String id = UUID.randomUUID().toString();
        routed.fire(new CallRouted(id, LINE, action, null, at, "+33 6 99 88 77 66"));
        if ("QUEUE".equals(action)) {
            progress.fire(new CallProgress(id, LINE, Stage.JOINED, at.plusSeconds(1), null, null, null));
        }
        if ("ANSWERED".equals(end)) {
            progress.fire(new CallProgress(id, LINE, Stage.ANSWERED, at.plusSeconds(wait), "l2", wait, null));
            progress.fire(new CallProgress(id, LINE, Stage.COMPLETED, at.plusSeconds(wait + 120), "l2", null, 120L));
        } else if ("ABANDONED".equals(end)) {
            progress.fire(new CallProgress(id, LINE, Stage.ABANDONED, at.plusSeconds(wait), null, wait, null));
        }
    }

    private static Response daily(String from, String to) {
        return asOperator().accept("application/json")
                .get("/api/reports/daily?line=" + LINE + "&from=" + from + "&to=" + to);
    }

    @Test
    void dailyReportListsEveryDayOfTheRangeWithItsFigures() {
        TestAccounts.as(COORDINATOR, PASSWORD).accept("application/json")
                .get("/api/reports/daily?line=" + LINE + "&from=2026-06-01&to=2026-06-07")
                .then().statusCode(200)
                .body("$", hasSize(7))
                .body("[0].line", equalTo(LINE))
                .body("[0].from", equalTo("2026-06-01"))
                .body("[0].offered", equalTo(2))
                .body("[0].answered", equalTo(1))
                .body("[0].closed", equalTo(1))
                .body("[0].waitP50", equalTo(12))
                .body("[0].serviceLevel", equalTo(1.0f))
                .body("[0].repeatCallerShare", equalTo(1.0f))
                .body("[1].offered", equalTo(0))
                .body("[1].serviceLevel", nullValue())
                .body("[6].abandoned", equalTo(1))
                .body("[6].serviceLevel", equalTo(0.0f));
    }

    @Test
    void weeklyReportCoversWholeIsoWeeks() {
        asOperator().accept("application/json")
                .get("/api/reports/weekly?line=" + LINE + "&from=2026-06-03&to=2026-06-03")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].from", equalTo("2026-06-01"))
                .body("[0].to", equalTo("2026-06-07"))
                .body("[0].offered", equalTo(3))
                .body("[0].queued", equalTo(2))
                .body("[0].serviceLevel", equalTo(0.5f))
                .body("[0].identifiedCallers", equalTo(2));
    }

    @Test
    void reportsComeAsCsvForSpreadsheets() {
        String csv = asOperator().accept("text/csv")
                .get("/api/reports/weekly?line=" + LINE + "&from=2026-06-01&to=2026-06-07")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(ReportRow.CSV_HEADER, lines[0]);
        assertEquals(2, lines.length);
        assertEquals(LINE + ",2026-06-01,2026-06-07,3,1,1,0,1,0,0,0,0,2,1,30,0.5,12,12,120,2,2,1.0,0,0,0,0,0,0", lines[1]);
    }

    @Test
    void withoutALineTheReportCoversEveryLine() {
        JournalTables.ensureLine("journal-report-quiet", "+33800000055");
        Response all = asOperator().accept("application/json")
                .get("/api/reports/daily?from=2026-06-01&to=2026-06-02");
        all.then().statusCode(200);
        List<String> lines = all.jsonPath().getList("line");
        assertTrue(lines.contains(LINE));
        assertEquals(2, lines.stream().filter(LINE::equals).count(), "one row per day of the range");
        assertEquals(2, lines.stream().filter("journal-report-quiet"::equals).count(), "a line without calls has zero rows");
        assertEquals(2, (int) all.jsonPath().getInt("find { it.line == '" + LINE + "' && it.from == '2026-06-01' }.offered"));
    }

    @Test
    void badParametersAreA400NamingTheField() {
        expectBad("/api/reports/daily?line=" + LINE + "&to=2026-06-07", "from");
        expectBad("/api/reports/daily?line=" + LINE + "&from=2026-06-07", "to");
        expectBad("/api/reports/daily?line=" + LINE + "&from=yesterday&to=2026-06-07", "from");
        expectBad("/api/reports/weekly?line=" + LINE + "&from=2026-06-07&to=2026-06-01", "to");
        expectBad("/api/reports/daily?line=" + LINE + "&from=2020-01-01&to=2026-06-01", "to");
        expectBad("/api/reports/daily?line=Not%20A%20Code&from=2026-06-01&to=2026-06-01", "line");
        expectBad("/api/reports/daily?line=no-such-line&from=2026-06-01&to=2026-06-01", "line");
        expectBad("/api/reports/daily?line=" + LINE + "&from=2026-02-30&to=2026-06-01", "from");
    }

    private static void expectBad(String url, String field) {
        asOperator().accept("application/json").get(url).then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    @Test
    void reportsNeedAnAccount() {
        given().get("/api/reports/daily?line=" + LINE + "&from=2026-06-01&to=2026-06-07").then().statusCode(401);
        TestAccounts.as(COORDINATOR, "wrong-password").get("/api/reports/daily?from=2026-06-01&to=2026-06-07")
                .then().statusCode(401);
    }
}
