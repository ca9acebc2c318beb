package org.helpline.router.console;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.helpline.router.journal.JournalTables;
import org.helpline.router.supervision.ServiceDay;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.helpline.router.console.PageFixtures.PARIS;
import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When people call, in a real headless Chromium: the live page draws each line's calls of today per hour from the
 * journal and redraws when another call ends; the reports page shows the hours and weekdays of the calls that met
 * a closed line (then every outcome), reachable by keyboard, and downloads the hourly CSV.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CallTimesPagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final String LIVE_LINE = "direct-heures";
    private static final String REPORT_LINE = "rapport-heures";
    private static final LocalDate MONDAY = LocalDate.of(2026, 5, 4);
    private static final String COORDINATOR = "heures-pages-coordinator";
    private static final String PASSWORD = "heures-pages-password";

    @Inject
    AgroalDataSource ds;

    ConsoleBrowser browser;

    @BeforeEach
    void linesAndCoordinator() throws Exception {
        PageFixtures.line(LIVE_LINE, "+33800000991");
        PageFixtures.line(REPORT_LINE, "+33800000992");
        PageFixtures.coordinator(COORDINATOR, PASSWORD);
        try (Connection c = ds.getConnection()) {
            for (String table : List.of("call_record", "daily_line_stats", "hourly_line_stats")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE line_code IN (?, ?)")) {
                    ps.setString(1, LIVE_LINE);
                    ps.setString(2, REPORT_LINE);
                    ps.executeUpdate();
                }
            }
        }
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theLivePageDrawsTodaysCallsPerHourAndKeepsThemCurrent() throws Exception {
        // Calls spread over today's service day so far (it starts at 06:00 in Paris), and one of yesterday's.
        Instant now = Instant.now();
        LocalDate day = ServiceDay.of(now, PARIS, LocalTime.of(6, 0));
        Instant start = ServiceDay.start(day, PARIS, LocalTime.of(6, 0));
        Duration sofar = Duration.between(start, now);
        Map<Integer, Map<String, Integer>> expected = new TreeMap<>();
        Object[][] calls = {{0.02, "ANSWERED", 10}, {0.1, "CLOSED", null}, {0.4, "CLOSED", null},
                {0.7, "ABANDONED", 40}, {0.9, "ANSWERED", 25}};
        for (Object[] call : calls) {
            Instant at = start.plus(sofar.multipliedBy((long) ((Double) call[0] * 1000)).dividedBy(1000));
            JournalTables.insertCall(ds, LIVE_LINE, PARIS, at, (String) call[1], (Integer) call[2]);
            expected.computeIfAbsent(at.atZone(PARIS).getHour(), h -> new TreeMap<>()).merge((String) call[1], 1, Integer::sum);
        }
        JournalTables.insertCall(ds, LIVE_LINE, PARIS, start.minusSeconds(600), "CLOSED", null);

        browser.open(url(""));
        browser.signIn(COORDINATOR, PASSWORD);
        String chart = "section[data-line='" + LIVE_LINE + "'] .today-hours";
        Poll.until(PAGE, () -> assertEquals(24, browser.driver().findElements(By.cssSelector(chart + " g.column")).size()));
        List<String> hours = browser.driver().findElements(By.cssSelector(chart + " g.column")).stream()
                .map(g -> g.getAttribute("data-hour")).toList();
        assertEquals("6", hours.get(0), "the service day's hours, from 06:00");
        assertEquals("5", hours.get(23));

        expected.forEach((hour, outcomes) -> {
            assertEquals(outcomes.getOrDefault("ANSWERED", 0), count(chart, hour, "answered"), hour + " h answered");
            assertEquals(outcomes.getOrDefault("CLOSED", 0), count(chart, hour, "closed"), hour + " h closed");
            assertEquals(outcomes.getOrDefault("ABANDONED", 0), count(chart, hour, "abandoned"), hour + " h abandoned");
        });
        assertEquals(5, total(chart), "yesterday's call is not today's");
        assertTrue(browser.text(chart + " .hours-state").orElseThrow().startsWith("5 appels terminés depuis 6 h"),
                browser.text(chart + " .hours-state").orElseThrow());
        int first = expected.keySet().stream().filter(h -> h >= 6).findFirst().orElse(expected.keySet().iterator().next());
        String label = browser.find(chart + " g.column[data-hour='" + first + "']").getAttribute("aria-label");
        assertTrue(label.startsWith("de " + first + " h à " + (first + 1) % 24 + " h : "), label);

        // The same figures as the API's, in the table under the chart.
        JsonPath api = asOperator().accept("application/json")
                .get("/api/reports/hourly?line=" + LIVE_LINE + "&from=" + day + "&to=" + day).jsonPath();
        for (int hour : expected.keySet()) {
            WebElement row = browser.find(chart + " tr[data-hour='" + hour + "']");
            assertEquals(String.valueOf(api.getInt("[" + hour + "].offered")),
                    row.findElements(By.cssSelector("td")).get(0).getAttribute("textContent"));
        }

        // One tab stop for the chart; the arrows go from hour to hour and the words follow.
        List<WebElement> tabbable = browser.driver().findElements(By.cssSelector(chart + " g.column[tabindex='0']"));
        assertEquals(1, tabbable.size());
        browser.driver().executeScript("arguments[0].focus()", tabbable.get(0));
        new Actions(browser.driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        assertEquals("7", browser.driver().switchTo().activeElement().getAttribute("data-hour"));
        assertTrue(browser.text(chart + " .readout").orElseThrow().startsWith("De 7 h à 8 h : "));
        new Actions(browser.driver()).sendKeys(Keys.END).perform();
        assertEquals("5", browser.driver().switchTo().activeElement().getAttribute("data-hour"));

        // Another caller meets the closed line: the chart shows it without a reload, within the bounds it reads at.
        Instant late = Instant.now().minusSeconds(1);
        int lateHour = late.atZone(PARIS).getHour();
        int before = count(chart, lateHour, "closed");
        JournalTables.insertCall(ds, LIVE_LINE, PARIS, late, "CLOSED", null);
        Poll.until(Duration.ofSeconds(40), () -> assertEquals(before + 1, count(chart, lateHour, "closed")));
        assertEquals("5", browser.driver().switchTo().activeElement().getAttribute("data-hour"),
                "the keyboard's place survives the redraw");
        browser.shot("live-hours");
        assertEquals(List.of(), browser.scriptErrors());
    }

    /** The count a column's segment of that outcome says, 0 when it has none. */
    private int count(String chart, int hour, String series) {
        List<WebElement> rects = browser.driver().findElements(By.cssSelector(
                chart + " g.column[data-hour='" + hour + "'] rect[data-series='" + series + "']"));
        if (rects.isEmpty()) {
            return 0;
        }
        String title = rects.get(0).findElement(By.cssSelector("title")).getAttribute("textContent");
        return Integer.parseInt(title.substring(title.lastIndexOf(": ") + 2));
    }

    private int total(String chart) {
        return browser.driver().findElements(By.cssSelector(chart + " tr[data-hour] td:first-of-type")).stream()
                .mapToInt(td -> Integer.parseInt(td.getAttribute("textContent"))).sum();
    }

    @Test
    void theReportsPageShowsWhenCallersMetAClosedLineAndDownloadsTheHours() throws Exception {
        // A week of an evening line: the day's calls answered at 10:00; callers after it closes at 20:00.
        for (int i = 0; i < 7; i++) {
            LocalDate day = MONDAY.plusDays(i);
            call(day.atTime(10, 0), "ANSWERED", 15);
            call(day.atTime(20, 30), "CLOSED", null);
            call(day.atTime(21, 30), "CLOSED", null);
        }
        call(MONDAY.plusDays(4).atTime(23, 30), "CLOSED", null);      // Friday night
        call(MONDAY.plusDays(5).atTime(1, 30), "CLOSED", null);       // Saturday 01:30: Friday's service day
        String range = "line=" + REPORT_LINE + "&from=" + MONDAY + "&to=" + MONDAY.plusDays(6);

        browser.open(url("reports.html?" + range));
        browser.signIn(COORDINATOR, PASSWORD);
        Poll.until(PAGE, () -> assertEquals(24, browser.visible("#chart-hours g.column").size()));

        // First the unmet demand: only the calls that met the closed line, by the line's clock.
        assertTrue(browser.find("#hours-closed").isSelected());
        assertEquals(List.of("de 20 h à 21 h — ligne fermée : 7"), titles("#chart-hours g.column[data-hour='20'] rect"));
        assertEquals(List.of("de 21 h à 22 h — ligne fermée : 7"), titles("#chart-hours g.column[data-hour='21'] rect"));
        assertEquals(List.of("de 23 h à 0 h — ligne fermée : 1"), titles("#chart-hours g.column[data-hour='23'] rect"));
        assertEquals(List.of("de 1 h à 2 h — ligne fermée : 1"), titles("#chart-hours g.column[data-hour='1'] rect"));
        assertEquals(List.of(), titles("#chart-hours g.column[data-hour='10'] rect[data-series]"), "answered calls are not shown");
        assertEquals("de 10 h à 11 h : aucun appel",
                browser.find("#chart-hours g.column[data-hour='10']").getAttribute("aria-label"));
        assertEquals(List.of("le vendredi — ligne fermée : 4"), titles("#chart-weekdays g.column[data-weekday='FRIDAY'] rect"));
        assertEquals(List.of("le samedi — ligne fermée : 2"), titles("#chart-weekdays g.column[data-weekday='SATURDAY'] rect"));
        assertTrue(browser.text("#hours-hint").orElseThrow().startsWith("Sur 7 jours, à l'heure de la ligne (Europe/Paris)"));
        double eight = height("#chart-hours g.column[data-hour='20'] rect[data-series='closed']");
        double eleven = height("#chart-hours g.column[data-hour='23'] rect[data-series='closed']");
        assertEquals(7.0, eight / eleven, 0.01, "columns are drawn to scale");

        // Every outcome, on demand.
        browser.find("#hours-all").click();
        Poll.until(PAGE, () -> assertEquals(List.of("de 10 h à 11 h — répondus : 7"),
                titles("#chart-hours g.column[data-hour='10'] rect[data-series]")));
        assertEquals("de 20 h à 21 h : 7 appels : 7 ligne fermée",
                browser.find("#chart-hours g.column[data-hour='20']").getAttribute("aria-label"));

        // By keyboard: Tab reaches the chart once, Home and End go to its first and last hours.
        WebElement first = browser.find("#chart-hours g.column[tabindex='0']");
        browser.driver().executeScript("arguments[0].focus()", first);
        new Actions(browser.driver()).sendKeys(Keys.END).perform();
        assertEquals("23", browser.driver().switchTo().activeElement().getAttribute("data-hour"));
        assertEquals("De 23 h à 0 h : 1 appel : 1 ligne fermée.", browser.text("#chart-hours .readout").orElseThrow());
        browser.shot("reports-hours");

        // The hours' CSV is the API's.
        Path downloads = browser.downloads();
        browser.find("#hours-csv").click();
        Path csv = downloads.resolve("appels-par-heure-" + REPORT_LINE + "-" + MONDAY + "-" + MONDAY.plusDays(6) + ".csv");
        Poll.until(PAGE, () -> assertTrue(Files.exists(csv), "downloaded " + csv));
        String expected = asOperator().accept("text/csv").get("/api/reports/hourly?" + range).asString();
        Poll.until(PAGE, () -> assertEquals(expected, read(csv)));
        assertEquals(25, expected.split("\r\n").length, "a header and 24 hours");
        assertEquals(List.of(), browser.scriptErrors());
    }

    private void call(LocalDateTime local, String outcome, Integer wait) throws Exception {
        JournalTables.insertCall(ds, REPORT_LINE, PARIS, local.atZone(PARIS).toInstant(), outcome, wait);
    }

    private List<String> titles(String css) {
        return browser.driver().findElements(By.cssSelector(css)).stream()
                .filter(e -> !e.getAttribute("class").contains("hit"))
                .map(e -> e.findElement(By.cssSelector("title")).getAttribute("textContent")).toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private double height(String css) {
        return Double.parseDouble(browser.find(css).getAttribute("height"));
    }
}
