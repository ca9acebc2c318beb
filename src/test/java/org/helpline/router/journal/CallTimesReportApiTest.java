package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.journal.JournalTables.insertCall;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/reports/hourly}, {@code /weekdays} and {@code /heatmap}: when people call, per outcome, by the clock
 * of the line's zone, over calls written straight into the journal's table. Covers both DST nights of 2027 in
 * Paris, a night line whose calls after midnight belong to the evening's service day, the CSV, and every bad
 * parameter.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CallTimesReportApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String DAY_LINE = "heures-jour";
    static final String NIGHT_LINE = "heures-nuit";
    private static final String COORDINATOR = "heures-coordinator";
    private static final String PASSWORD = "heures-coordinator-password";

    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void seededCalls() throws Exception {
        JournalTables.ensureLine(DAY_LINE, "+33800000971");
        JournalTables.ensureLine(NIGHT_LINE, "+33800000972");
        if (asOperator().get("/api/users/" + COORDINATOR).statusCode() == 404) {
            asOperator().contentType("application/json")
                    .body("{\"username\":\"" + COORDINATOR + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"coordinator\"]}")
                    .post("/api/users").then().statusCode(201);
        }
        try (Connection c = ds.getConnection()) {
            for (String table : List.of("call_record", "daily_line_stats", "hourly_line_stats")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE line_code IN (?, ?)")) {
                    ps.setString(1, DAY_LINE);
                    ps.setString(2, NIGHT_LINE);
                    ps.executeUpdate();
                }
            }
        }
        // Monday 14 June 2027 on the day line: the morning's calls, then callers who met the closed line at night.
        call(DAY_LINE, "2027-06-14T08:10", "ANSWERED", 12);
        call(DAY_LINE, "2027-06-14T08:40", "ABANDONED", 3);        // gone within 5 s: a short call
        call(DAY_LINE, "2027-06-14T08:50", "ABANDONED", 45);
        call(DAY_LINE, "2027-06-14T09:05", "LEFT_DURING_NOTICE", null);
        call(DAY_LINE, "2027-06-14T09:30", "TIMED_OUT", 300);
        call(DAY_LINE, "2027-06-14T09:45", "CRISIS_TRANSFER", 30);
        call(DAY_LINE, "2027-06-14T21:05", "CLOSED", null);
        call(DAY_LINE, "2027-06-14T21:55", "CLOSED", null);
        call(DAY_LINE, "2027-06-14T23:10", "CLOSED", null);
        call(DAY_LINE, "2027-06-15T02:20", "CLOSED", null);        // the small hours: still Monday's service day
        call(DAY_LINE, "2027-06-15T06:00", "NO_LISTENER", null);   // 06:00: Tuesday's service day begins

        // Spring forward, Sunday 28 March 2027: 02:00 CET becomes 03:00 CEST; no clock shows 02:xx.
        callAt(DAY_LINE, "2027-03-28T00:30:00Z", "CLOSED");        // 01:30 CET
        callAt(DAY_LINE, "2027-03-28T00:59:59Z", "CLOSED");        // 01:59:59 CET
        callAt(DAY_LINE, "2027-03-28T01:00:00Z", "CLOSED");        // 03:00 CEST, one second later
        callAt(DAY_LINE, "2027-03-28T01:30:00Z", "CLOSED");        // 03:30 CEST
        // Fall back, Sunday 31 October 2027: 03:00 CEST becomes 02:00 CET; the clocks show 02:xx twice.
        callAt(DAY_LINE, "2027-10-30T22:30:00Z", "CLOSED");        // 00:30 CEST
        callAt(DAY_LINE, "2027-10-31T00:30:00Z", "CLOSED");        // 02:30 CEST, the first time
        callAt(DAY_LINE, "2027-10-31T00:59:00Z", "CLOSED");        // 02:59 CEST
        callAt(DAY_LINE, "2027-10-31T01:00:00Z", "CLOSED");        // 02:00 CET, the second time
        callAt(DAY_LINE, "2027-10-31T01:30:00Z", "CLOSED");        // 02:30 CET
        callAt(DAY_LINE, "2027-10-31T02:00:00Z", "CLOSED");        // 03:00 CET

        // A night line, Friday 16 July 2027 from 20:00 to 06:00: everything up to 05:59 belongs to Friday's night.
        call(NIGHT_LINE, "2027-07-16T19:50", "CLOSED", null);
        call(NIGHT_LINE, "2027-07-16T22:30", "ANSWERED", 20);
        call(NIGHT_LINE, "2027-07-17T00:30", "ANSWERED", 40);
        call(NIGHT_LINE, "2027-07-17T03:15", "NO_LISTENER", 60);
        call(NIGHT_LINE, "2027-07-17T05:59", "CLOSED", null);
        call(NIGHT_LINE, "2027-07-17T06:00", "CLOSED", null);      // Saturday's service day
    }

    private void call(String line, String localStart, String outcome, Integer wait) throws Exception {
        insertCall(ds, line, PARIS, LocalDateTime.parse(localStart).atZone(PARIS).toInstant(), outcome, wait);
    }

    private void callAt(String line, String instant, String outcome) throws Exception {
        insertCall(ds, line, PARIS, Instant.parse(instant), outcome, null);
    }

    private static JsonPath json(String report, String line, String from, String to) {
        return asOperator().accept("application/json")
                .get("/api/reports/" + report + "?line=" + line + "&from=" + from + "&to=" + to)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> hour(JsonPath rows, int hour) {
        Map<String, Object> row = rows.getMap("find { it.hour == " + hour + " }");
        assertEquals(hour, row.get("hour"));
        return row;
    }

    @Test
    void callsCountByTheLocalHourOfTheirStartWithEveryOutcome() {
        JsonPath rows = json("hourly", DAY_LINE, "2027-06-14", "2027-06-14");
        assertEquals(24, rows.getList("$").size(), "hours 0 to 23");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23),
                rows.getList("hour"));
        Map<String, Object> eight = hour(rows, 8);
        assertEquals(Map.of("line", DAY_LINE, "from", "2027-06-14", "to", "2027-06-14", "days", 1, "hour", 8),
                Map.of("line", eight.get("line"), "from", eight.get("from"), "to", eight.get("to"),
                        "days", eight.get("days"), "hour", eight.get("hour")));
        assertEquals(3, eight.get("offered"));
        assertEquals(1, eight.get("answered"));
        assertEquals(1, eight.get("shortCalls"), "an abandon within 5 s is a short call, as in the daily report");
        assertEquals(1, eight.get("abandoned"));
        Map<String, Object> nine = hour(rows, 9);
        assertEquals(List.of(3, 1, 1, 1), List.of(nine.get("offered"), nine.get("leftDuringNotice"),
                nine.get("timedOut"), nine.get("crisisTransfers")));
        assertEquals(2, hour(rows, 21).get("closed"), "the unmet demand at 21:00");
        assertEquals(1, hour(rows, 23).get("closed"));
        assertEquals(1, hour(rows, 2).get("closed"), "02:20 the next morning is still Monday's service day");
        assertEquals(0, hour(rows, 6).get("offered"), "06:00 the next morning is Tuesday's");
        for (String outcome : List.of("noListener", "overload", "unknownLine", "failed", "transfersFailed")) {
            assertEquals(0, rows.getList(outcome, Integer.class).stream().mapToInt(Integer::intValue).sum(), outcome);
        }

        // The hours add up to the daily report's figures for the same day.
        JsonPath daily = json("daily", DAY_LINE, "2027-06-14", "2027-06-14");
        for (String figure : List.of("offered", "answered", "abandoned", "shortCalls", "leftDuringNotice", "closed",
                "noListener", "timedOut", "crisisTransfers")) {
            assertEquals(daily.getInt("[0]." + figure),
                    rows.getList(figure, Integer.class).stream().mapToInt(Integer::intValue).sum(), figure);
        }
    }

    @Test
    void onTheSpringForwardNightNoCallStartsAtTwo() {
        // 28 March before 06:00 belongs to Saturday 27 March's service day.
        JsonPath rows = json("hourly", DAY_LINE, "2027-03-27", "2027-03-27");
        assertEquals(2, hour(rows, 1).get("closed"), "01:30 and 01:59:59 CET");
        assertEquals(0, hour(rows, 2).get("offered"), "02:xx never shows on the clocks that night");
        assertEquals(2, hour(rows, 3).get("closed"), "03:00 and 03:30 CEST");
        assertEquals(0, json("hourly", DAY_LINE, "2027-03-28", "2027-03-28").getList("offered", Integer.class)
                .stream().mapToInt(Integer::intValue).sum(), "nothing on Sunday's own service day");
    }

    @Test
    void onTheFallBackNightHourTwoHoldsTwoHoursOfCalls() {
        JsonPath rows = json("hourly", DAY_LINE, "2027-10-30", "2027-10-30");
        assertEquals(1, hour(rows, 0).get("closed"), "00:30 CEST");
        assertEquals(4, hour(rows, 2).get("closed"), "02:30 and 02:59 CEST, then 02:00 and 02:30 CET");
        assertEquals(1, hour(rows, 3).get("closed"), "03:00 CET");
        assertEquals(6, json("daily", DAY_LINE, "2027-10-30", "2027-10-30").getInt("[0].closed"),
                "the daily report counts the same night");
    }

    @Test
    void aNightLinesSmallHoursBelongToTheEveningTheyFollow() {
        JsonPath weekdays = json("weekdays", NIGHT_LINE, "2027-07-12", "2027-07-18");
        assertEquals(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                weekdays.getList("weekday"));
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1), weekdays.getList("days"));
        assertEquals(5, weekdays.getInt("[4].offered"), "Friday night, 19:50 to 05:59");
        assertEquals(List.of(2, 2, 1), List.of(weekdays.getInt("[4].closed"), weekdays.getInt("[4].answered"),
                weekdays.getInt("[4].noListener")));
        assertEquals(1, weekdays.getInt("[5].offered"), "06:00 on Saturday starts Saturday's service day");
        assertEquals(0, weekdays.getInt("[6].offered"));

        JsonPath heatmap = json("heatmap", NIGHT_LINE, "2027-07-12", "2027-07-18");
        assertEquals(168, heatmap.getList("$").size(), "7 weekdays × 24 hours");
        assertEquals(1, heatmap.getInt("find { it.weekday == 'FRIDAY' && it.hour == 0 }.answered"));
        assertEquals(1, heatmap.getInt("find { it.weekday == 'FRIDAY' && it.hour == 5 }.closed"));
        assertEquals(1, heatmap.getInt("find { it.weekday == 'SATURDAY' && it.hour == 6 }.closed"));
        assertEquals(0, heatmap.getInt("find { it.weekday == 'SATURDAY' && it.hour == 0 }.offered"));

        // Over two weeks, each weekday occurs twice: the count of days lets a spreadsheet average them.
        assertEquals(List.of(2, 2, 2, 2, 2, 2, 2), json("weekdays", NIGHT_LINE, "2027-07-12", "2027-07-25").getList("days"));
    }

    @Test
    void theReportsComeAsCsv() {
        String hourly = csv("hourly", DAY_LINE, "2027-06-14", "2027-06-14");
        String[] lines = hourly.split("\r\n");
        assertEquals(25, lines.length, "a header and 24 hours");
        assertEquals("line,from,to,days,hour,offered,answered,abandoned,short_calls,left_during_notice,closed,"
                + "no_listener,timed_out,overload,unknown_line,failed,crisis_transfers,transfers_failed", lines[0]);
        assertEquals(DAY_LINE + ",2027-06-14,2027-06-14,1,8,3,1,1,1,0,0,0,0,0,0,0,0,0", lines[9]);
        assertEquals(DAY_LINE + ",2027-06-14,2027-06-14,1,21,2,0,0,0,0,2,0,0,0,0,0,0,0", lines[22]);

        String[] weekdays = csv("weekdays", NIGHT_LINE, "2027-07-12", "2027-07-18").split("\r\n");
        assertEquals(8, weekdays.length);
        assertEquals(WeekdayRow.CSV_HEADER, weekdays[0]);
        assertEquals(NIGHT_LINE + ",2027-07-12,2027-07-18,FRIDAY,1,5,2,0,0,0,2,1,0,0,0,0,0,0", weekdays[5]);

        String[] heatmap = csv("heatmap", NIGHT_LINE, "2027-07-16", "2027-07-16").split("\r\n");
        assertEquals(169, heatmap.length);
        assertEquals("line,from,to,weekday,hour,days," + CallsByOutcome.CSV_HEADER, heatmap[0]);
        assertEquals(NIGHT_LINE + ",2027-07-16,2027-07-16,FRIDAY,3,1,1,0,0,0,0,0,1,0,0,0,0,0,0", heatmap[4 * 24 + 3 + 1]);
    }

    private static String csv(String report, String line, String from, String to) {
        return asOperator().accept("text/csv")
                .get("/api/reports/" + report + "?line=" + line + "&from=" + from + "&to=" + to)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
    }

    @Test
    void withoutALineEveryLineHasItsHours() {
        JsonPath rows = asOperator().accept("application/json")
                .get("/api/reports/hourly?from=2027-07-16&to=2027-07-16").then().statusCode(200).extract().jsonPath();
        List<String> lines = rows.getList("line");
        assertEquals(24, lines.stream().filter(DAY_LINE::equals).count(), "a line without calls that day has zero rows");
        assertEquals(24, lines.stream().filter(NIGHT_LINE::equals).count());
        assertEquals(1, rows.getInt("find { it.line == '" + NIGHT_LINE + "' && it.hour == 22 }.answered"));
    }

    @Test
    void coordinatorsReadThemAndStrangersDoNot() {
        TestAccounts.as(COORDINATOR, PASSWORD).accept("application/json")
                .get("/api/reports/weekdays?line=" + DAY_LINE + "&from=2027-06-14&to=2027-06-20")
                .then().statusCode(200).body("[0].closed", equalTo(4));
        for (String report : List.of("hourly", "weekdays", "heatmap")) {
            given().get("/api/reports/" + report + "?line=" + DAY_LINE + "&from=2027-06-14&to=2027-06-14")
                    .then().statusCode(401);
        }
    }

    @Test
    void badParametersAreA400NamingTheField() {
        for (String report : List.of("hourly", "weekdays", "heatmap")) {
            String base = "/api/reports/" + report + "?line=";
            bad(base + DAY_LINE + "&to=2027-06-14", "from");
            bad(base + DAY_LINE + "&from=2027-06-14", "to");
            bad(base + DAY_LINE + "&from=14/06/2027&to=2027-06-14", "from");
            bad(base + DAY_LINE + "&from=2027-06-14&to=2027-06-13", "to");
            bad(base + DAY_LINE + "&from=2020-01-01&to=2027-06-14", "to");
            bad(base + "Heures%20Jour&from=2027-06-14&to=2027-06-14", "line");
            bad(base + "no-such-line&from=2027-06-14&to=2027-06-14", "line");
        }
        Response csv = asOperator().accept("text/csv").get("/api/reports/hourly?line=" + DAY_LINE + "&from=2027-06-31&to=2027-07-01");
        assertProblem(csv, 400, "from");
        assertTrue(csv.asString().contains("must be a date"), "the CSV request gets the problem, not a CSV");
    }

    private static void bad(String url, String field) {
        assertProblem(asOperator().accept("application/json").get(url), 400, field);
    }
}
