package org.helpline.router.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.helpline.router.supervision.ServiceDay;
import org.helpline.router.supervision.TodayFigures;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One definition per figure: a day on which every outcome happened gives the same figures in the coordinators'
 * live "today" ({@code GET /api/supervision}) as in the daily report of that day ({@code GET /api/reports/daily}),
 * compared field by field over every component of the report's row, so a figure added to the report one day
 * cannot be left out of the live view without this test failing.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LiveTodayEqualsDailyReportTest {

    private static final String LINE = "today-all";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalTime DAY_START = LocalTime.of(6, 0);
    /** What identifies a report's row rather than counting calls: the live view has its line and {@code day}. */
    private static final Set<String> ROW_KEYS = Set.of("line", "from", "to");

    @Inject
    AgroalDataSource ds;

    @Test
    void aDayWithEveryOutcomeGivesTheSameFiguresLiveAndInTheDailyReport() throws Exception {
        JournalTables.ensureLine(LINE, "+33800000056");
        Instant now = Instant.now();
        LocalDate day = ServiceDay.of(now, PARIS, DAY_START);
        Instant t = ServiceDay.start(day, PARIS, DAY_START).plusSeconds(60);
        List<Object[]> calls = List.of(
                // outcome, wait, caller, heard every crisis number
                new Object[]{"ANSWERED", 12, "p-alice", false},
                new Object[]{"ANSWERED", 45, "p-basile", false},
                new Object[]{"ANSWERED", 20, "p-claire", false},
                new Object[]{"ABANDONED", 30, "p-alice", false},
                new Object[]{"ABANDONED", 2, "withheld", false}, // written before the short-call rule: counted short
                new Object[]{"SHORT_CALL", 3, "p-denis", false},
                new Object[]{"LEFT_DURING_NOTICE", null, "p-emma", false},
                new Object[]{"CLOSED", null, "p-basile", true},
                new Object[]{"NO_LISTENER", 15, "withheld", true},
                new Object[]{"TIMED_OUT", 600, "p-farid", true},
                new Object[]{"OVERLOAD", null, "p-gaelle", true},
                // The journal files calls to no line under "_unknown"; one written on the line keeps the figure
                // from being zero on both sides.
                new Object[]{"UNKNOWN_LINE", null, "p-hugo", true},
                new Object[]{"FAILED", null, "withheld", true},
                new Object[]{"CRISIS_TRANSFER", 8, "p-ines", false},
                new Object[]{"TRANSFER_FAILED", null, "p-alice", true});
        for (Object[] c : calls) {
            t = t.plusSeconds(1);
            JournalTables.insertCall(ds, LINE, PARIS, t, (String) c[0], (Integer) c[1], (String) c[2], (Boolean) c[3]);
        }
        // Neither counts: a call still going on, and a call of the service day before.
        JournalTables.insertCall(ds, LINE, PARIS, t.plusSeconds(1), null, null, "p-jules", false);
        JournalTables.insertCall(ds, LINE, PARIS, ServiceDay.start(day, PARIS, DAY_START).minusSeconds(60), "ANSWERED",
                5, "p-alice", false);

        Poll.until(Duration.ofSeconds(20), () -> {
            JsonNode today = liveToday();
            assertEquals(day.toString(), today.path("day").asText(), "the line's service day");
            assertEquals(calls.size(), today.path("offered").asInt(), "every ended call of the day, read live");
            JsonNode report = dailyReport(day);
            assertEquals(List.of(), differences(today, report));
        });

        JsonNode report = dailyReport(day);
        for (RecordComponent c : CallsByOutcome.class.getRecordComponents()) {
            assertTrue(report.path(c.getName()).asInt() > 0, "the day holds a call for " + c.getName() + ": " + report);
        }
        for (String f : List.of("identifiedCallers", "repeatCallers", "withheldCalls", "crisisHeard", "talkSeconds",
                "waitP50", "waitP90", "serviceLevel", "repeatCallerShare")) {
            assertTrue(report.path(f).isNumber() && report.path(f).asDouble() > 0, f + " is not zero: " + report);
        }
    }

    @Test
    void theLiveFiguresHaveEveryFigureOfTheReportUnderItsName() {
        Set<String> live = Arrays.stream(TodayFigures.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        List<String> missing = Arrays.stream(ReportRow.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(n -> !ROW_KEYS.contains(n) && !live.contains(n)).toList();
        assertEquals(List.of(), missing, "figures of the daily report the live view lacks");
    }

    /** The report's figures whose live value differs, as "name: live x, report y". */
    private static List<String> differences(JsonNode today, JsonNode report) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : ReportRow.class.getRecordComponents()) {
            String name = c.getName();
            if (ROW_KEYS.contains(name)) {
                continue;
            }
            assertFalse(report.path(name).isMissingNode(), name + " in the report's JSON");
            if (today.path(name).isMissingNode() || !today.path(name).equals(report.path(name))) {
                out.add(name + ": live " + today.path(name) + ", report " + report.path(name));
            }
        }
        assertEquals(report.path("from").asText(), today.path("day").asText());
        return out;
    }

    private static JsonNode liveToday() {
        JsonNode all = json(asOperator().get("/api/supervision").then().statusCode(200).extract().asString());
        for (JsonNode line : all.path("lines")) {
            if (LINE.equals(line.path("line").asText())) {
                return line.path("today");
            }
        }
        throw new AssertionError(LINE + " is not in the live view yet");
    }

    private static JsonNode dailyReport(LocalDate day) {
        JsonNode rows = json(asOperator().accept("application/json")
                .get("/api/reports/daily?line=" + LINE + "&from=" + day + "&to=" + day)
                .then().statusCode(200).extract().asString());
        assertEquals(1, rows.size(), "one row for the line's day");
        return rows.get(0);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
