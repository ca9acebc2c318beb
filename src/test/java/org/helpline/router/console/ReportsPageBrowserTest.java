package org.helpline.router.console;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.helpline.router.console.PageFixtures.PARIS;
import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports page in a real headless Chromium over a week of calls written straight into the journal's table:
 * the charts show each day's outcomes, service level and waits, the table the same figures as the API, and the
 * CSV download is the API's CSV.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ReportsPageBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final String LINE = "page-rapports";
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    private static final String COORDINATOR = "page-reports-coordinator";
    private static final String PASSWORD = "page-reports-password";

    @Inject
    AgroalDataSource dataSource;

    ConsoleBrowser browser;

    @BeforeEach
    void seededWeek() throws Exception {
        PageFixtures.line(LINE, "+33800000908");
        PageFixtures.coordinator(COORDINATOR, PASSWORD);
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM call_record WHERE line_code = ?");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO call_record (call_id, line_code, service_day, started_at, queue_entered_at, answered_at,
                         ended_at, wait_seconds, talk_seconds, outcome, caller_pseudonym, first_event_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'withheld', ?)""")) {
            delete.setString(1, LINE);
            delete.executeUpdate();
            // Day i of the week: i + 2 answered calls waiting 10, 20, 30… s; an abandon after 60 s on even days;
            // one closed-hours call; Thursday, one caller nobody could take after 300 s.
            for (int i = 0; i < 7; i++) {
                LocalDate day = MONDAY.plusDays(i);
                Instant noon = day.atTime(12, 0).atZone(PARIS).toInstant();
                for (int k = 0; k < i + 2; k++) {
                    call(insert, day, noon.plusSeconds(600L * k), 10 * (k + 1), "ANSWERED");
                }
                if (i % 2 == 0) {
                    call(insert, day, noon.plusSeconds(7200), 60, "ABANDONED");
                }
                call(insert, day, day.atTime(23, 0).atZone(PARIS).toInstant(), null, "CLOSED");
                if (i == 3) {
                    call(insert, day, noon.plusSeconds(9000), 300, "NO_LISTENER");
                }
            }
            insert.executeBatch();
        }
        browser = ConsoleBrowser.start();
    }

    private void call(PreparedStatement insert, LocalDate day, Instant start, Integer wait, String outcome) throws Exception {
        int i = 1;
        insert.setString(i++, LINE + "-" + start.toEpochMilli() + "-" + outcome);
        insert.setString(i++, LINE);
        insert.setObject(i++, day);
        insert.setTimestamp(i++, Timestamp.from(start));
        insert.setTimestamp(i++, wait == null ? null : Timestamp.from(start.plusSeconds(2)));
        insert.setTimestamp(i++, "ANSWERED".equals(outcome) ? Timestamp.from(start.plusSeconds(2 + wait)) : null);
        insert.setTimestamp(i++, Timestamp.from(start.plusSeconds(wait == null ? 20 : wait + 600)));
        insert.setObject(i++, wait);
        insert.setObject(i++, "ANSWERED".equals(outcome) ? 600 : null);
        insert.setString(i++, outcome);
        insert.setTimestamp(i, Timestamp.from(start));
        insert.addBatch();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aWeekShowsAsChartsAndDownloadsAsCsv() throws Exception {
        browser.open(url("reports.html"));
        browser.signIn(COORDINATOR, PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.present("#report-line option[value='" + LINE + "']")));
        new Select(browser.find("#report-line")).selectByValue(LINE);
        browser.fill("#report-from", MONDAY.toString());
        browser.fill("#report-to", MONDAY.plusDays(6).toString());
        browser.find("#report-show").click();
        Poll.until(PAGE, () -> assertEquals(
                "Ligne page-rapports, lun. 02/03 – dim. 08/03 : 47 appels, 35 répondus, 50 % en moins de 30 s.",
                browser.text("#report-summary").orElseThrow()));
        assertEquals(7, browser.visible("#report-table tbody tr").size());

        // Calls by outcome: one bar per day, a segment per outcome, each saying its count.
        List<String> answered = titles("#chart-outcomes rect[data-series='answered']");
        assertEquals(List.of("lun. 02/03 — répondus : 2", "mar. 03/03 — répondus : 3", "mer. 04/03 — répondus : 4",
                "jeu. 05/03 — répondus : 5", "ven. 06/03 — répondus : 6", "sam. 07/03 — répondus : 7",
                "dim. 08/03 — répondus : 8"), answered);
        assertEquals(4, titles("#chart-outcomes rect[data-series='abandoned']").size(), "even days only");
        assertEquals(List.of("jeu. 05/03 — sans écoutant·e disponible : 1"), titles("#chart-outcomes rect[data-series='noListener']"));
        assertEquals(7, titles("#chart-outcomes rect[data-series='closed']").size());
        double monday = height("#chart-outcomes rect[data-series='answered'][data-day='2026-03-02']");
        double sunday = height("#chart-outcomes rect[data-series='answered'][data-day='2026-03-08']");
        assertEquals(4.0, sunday / monday, 0.01, "bars are drawn to scale");

        // Service level against the goal; waits as two lines.
        List<String> level = titles("#chart-level rect");
        assertEquals(7, level.size());
        assertEquals("lun. 02/03 — 67 % répondus en moins de 30 s (sous l'objectif)", level.get(0));
        assertEquals("mar. 03/03 — 100 % répondus en moins de 30 s", level.get(1));
        assertEquals("objectif : 80 %", browser.find("#chart-level line.target title").getAttribute("textContent"));
        assertEquals(7, titles("#chart-waits circle[data-series='waitP50']").size());
        assertEquals(7, titles("#chart-waits circle[data-series='waitP90']").size());

        // The table says what the API says, day by day.
        JsonPath api = asOperator().accept("application/json")
                .get("/api/reports/daily?line=" + LINE + "&from=" + MONDAY + "&to=" + MONDAY.plusDays(6)).jsonPath();
        for (int i = 0; i < 7; i++) {
            List<String> cells = browser.visible("#report-table tbody tr:nth-child(" + (i + 1) + ") td").stream()
                    .map(WebElement::getText).toList();
            assertEquals(String.valueOf(api.getInt("[" + i + "].offered")), cells.get(0));
            assertEquals(String.valueOf(api.getInt("[" + i + "].answered")), cells.get(1));
            assertEquals(api.getInt("[" + i + "].waitP90") + " s", cells.get(cells.size() - 1), "the last column");
        }
        assertEquals(List.of("lun. 02/03 — médiane : " + api.getInt("[0].waitP50") + " s"),
                titles("#chart-waits circle[data-series='waitP50'][data-day='2026-03-02']"));
        browser.shot("reports");

        // The CSV is the API's, saved under a name that says what it is.
        Path downloads = browser.downloads();
        browser.find("#report-csv").click();
        Path csv = downloads.resolve("rapport-quotidien-" + LINE + "-" + MONDAY + "-" + MONDAY.plusDays(6) + ".csv");
        Poll.until(PAGE, () -> assertTrue(Files.exists(csv), "downloaded " + csv));
        String expected = asOperator().accept("text/csv")
                .get("/api/reports/daily?line=" + LINE + "&from=" + MONDAY + "&to=" + MONDAY.plusDays(6)).asString();
        Poll.until(PAGE, () -> assertEquals(expected, read(csv)));
        assertEquals(8, expected.split("\r\n").length, "a header and seven days");
        assertEquals(List.of(), browser.scriptErrors());
    }

    private List<String> titles(String css) {
        return browser.driver().findElements(org.openqa.selenium.By.cssSelector(css)).stream()
                .map(e -> e.findElement(org.openqa.selenium.By.cssSelector("title")).getAttribute("textContent")).toList();
    }

    private double height(String css) {
        return Double.parseDouble(browser.find(css).getAttribute("height"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
