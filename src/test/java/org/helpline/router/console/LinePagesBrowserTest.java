package org.helpline.router.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.helpline.router.console.PageFixtures.PARIS;
import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator sets up a line from the console in a real headless Chromium: creates it, gives it its weekly
 * hours (one past midnight), is refused an overlap in the API's words, adds Christmas, imports a calendar,
 * closes the line now until tomorrow 08:00, reopens it and lifts the override.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LinePagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final String LINE = "page-nuit";

    ConsoleBrowser browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = ConsoleBrowser.start();
        asOperator().delete("/api/lines/" + LINE); // a rerun against the same database starts afresh
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operatorCreatesALineSetsItsHoursClosuresAndClosesItTonight() throws Exception {
        browser.open(url("lines.html"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.find("a[href='line.html']").isDisplayed(), "operators may create a line"));
        browser.find("a[href='line.html']").click();

        // --- the line's settings ---
        Poll.until(PAGE, () -> assertTrue(browser.present("#line-form [name='code']")));
        browser.type("#line-form [name='code']", LINE);
        browser.type("#line-form [name='name']", "Écoute de nuit");
        browser.type("#line-form [name='number']", "+33800000931");
        browser.find("#line-form .add-crisis").click(); // add a second crisis number
        browser.type("#crisis-rows li:nth-child(2) [name='crisis-label']", "SAMU");
        browser.type("#crisis-rows li:nth-child(2) [name='crisis-number']", "15");
        browser.find("#line-form [name='crisisTransfer']").click();
        browser.type("#line-form [name='maxWaitSeconds']", "240");
        browser.type("#line-form [name='rules.serviceLevelSeconds']", "20");
        browser.find("#save-line").click();

        Poll.until(PAGE, () -> assertTrue(browser.driver().getCurrentUrl().contains("hours.html?line=" + LINE),
                "a new line goes on to its hours: " + browser.driver().getCurrentUrl()));
        JsonPath line = asOperator().get("/api/lines/" + LINE).then().statusCode(200).extract().jsonPath();
        assertEquals("Écoute de nuit", line.getString("name"));
        assertEquals("+33800000931", line.getString("number"));
        assertEquals("Europe/Paris", line.getString("timeZone"));
        assertEquals(List.of("3114", "15"), line.getList("crisisNumbers.number"));
        assertTrue(line.getBoolean("crisisTransfer"));
        assertEquals(240, line.getInt("maxWaitSeconds"));
        assertEquals(20, line.getInt("rules.serviceLevelSeconds"));
        assertEquals(10, line.getInt("rules.maxWaitingCallers"), "a rule left as shown keeps its default");

        // --- weekly hours: Monday morning, Friday night past midnight ---
        Poll.until(PAGE, () -> assertTrue(browser.text("#page-message").orElseThrow().startsWith("Ligne créée")));
        addPeriod("MONDAY", "09:00", "13:00");
        addPeriod("FRIDAY", "20:00", "02:00");
        assertTrue(browser.find("fieldset[data-day='FRIDAY'] li.period .overnight").isDisplayed(), "said to end the next day");
        assertFalse(browser.find("fieldset[data-day='MONDAY'] li.period .overnight").isDisplayed());
        browser.find("#weekly-save").click();
        Poll.until(PAGE, () -> {
            assertEquals("lundi : 09:00–13:00", browser.text("#weekly-view li[data-day='MONDAY']").orElseThrow());
            assertEquals("vendredi : 20:00–02:00 (jusqu'au lendemain)", browser.text("#weekly-view li[data-day='FRIDAY']").orElseThrow());
            assertEquals("Horaires enregistrés.", browser.text("#page-message").orElseThrow());
        });
        List<Map<String, String>> periods = asOperator().get("/api/lines/" + LINE + "/opening-hours").jsonPath().getList("periods");
        assertEquals(List.of(Map.of("day", "MONDAY", "from", "09:00", "to", "13:00"),
                Map.of("day", "FRIDAY", "from", "20:00", "to", "02:00")), periods);

        // An overlapping period is refused in the API's own words, beside the period it names.
        addPeriod("MONDAY", "12:00", "14:00");
        browser.find("#weekly-save").click();
        String overlap = "fieldset[data-day='MONDAY'] li.period:nth-child(2) .field-error";
        Poll.until(PAGE, () -> {
            assertEquals("overlaps periods[0] (MONDAY 09:00–13:00)", browser.text(overlap).orElseThrow());
            assertEquals("Demande refusée : periods[1]: overlaps periods[0] (MONDAY 09:00–13:00)",
                    browser.text("#weekly-errors").orElseThrow());
        });
        assertEquals("true", browser.find("fieldset[data-day='MONDAY'] li.period:nth-child(2) input.from").getAttribute("aria-invalid"));
        assertEquals(2, asOperator().get("/api/lines/" + LINE + "/opening-hours").jsonPath().getList("periods").size(),
                "nothing was changed");
        browser.find("fieldset[data-day='MONDAY'] li.period:nth-child(2) button").click();

        // --- closures: Christmas by hand, two more from a calendar file ---
        LocalDate christmas = PageFixtures.nextChristmas();
        browser.fill("#closure-from", christmas + "T00:00");
        browser.fill("#closure-to", christmas.plusDays(1) + "T00:00");
        browser.type("#closure-reason", "Noël");
        browser.find("#closure-add").click();
        Poll.until(PAGE, () -> assertEquals("Noël", browser.text("#closures-list tbody tr .reason").orElseThrow()));

        int year = christmas.getYear() + 1;
        Path ics = Files.createTempFile("fermetures", ".ics");
        Files.writeString(ics, String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//association//fermetures//FR",
                "BEGIN:VEVENT", "UID:ag-" + year + "@asso", "DTSTART;VALUE=DATE:" + year + "0117", "DTEND;VALUE=DATE:" + year + "0118",
                "SUMMARY:Assemblée générale", "END:VEVENT",
                "BEGIN:VEVENT", "UID:formation-" + year + "@asso", "DTSTART;VALUE=DATE:" + year + "0207",
                "DTEND;VALUE=DATE:" + year + "0208", "SUMMARY:Journée de formation", "END:VEVENT",
                "END:VCALENDAR", ""));
        browser.find("#ical-file").sendKeys(ics.toAbsolutePath().toString());
        browser.find("#ical-import").click();
        Poll.until(PAGE, () -> {
            assertEquals("2 fermetures importées, 0 mises à jour.", browser.text("#ical-result").orElseThrow());
            assertEquals(3, browser.visible("#closures-list tbody tr").size());
        });
        assertEquals(List.of("Noël", "Assemblée générale", "Journée de formation"),
                browser.visible("#closures-list tbody tr .reason").stream().map(e -> e.getText()).toList(), "by date");
        assertEquals(3, asOperator().get("/api/lines/" + LINE + "/closures").jsonPath().getList("$").size());
        Files.delete(ics);

        // A special opening on New Year's Eve night, added then removed.
        browser.fill("#opening-from", christmas.withDayOfMonth(31) + "T20:00");
        browser.fill("#opening-to", christmas.plusYears(1).withDayOfYear(1) + "T02:00");
        browser.type("#opening-reason", "Nuit du réveillon");
        browser.find("#opening-add").click();
        Poll.until(PAGE, () -> assertEquals("Nuit du réveillon", browser.text("#openings-list tbody .reason").orElseThrow()));
        assertEquals(christmas.withDayOfMonth(31) + "T20:00",
                asOperator().get("/api/lines/" + LINE + "/special-openings").jsonPath().getString("[0].from"));
        browser.find("#openings-list tbody button").click();
        Poll.until(PAGE, () -> assertEquals("Aucune ouverture exceptionnelle prévue.", browser.text("#openings-list").orElseThrow()));
        assertEquals(0, asOperator().get("/api/lines/" + LINE + "/special-openings").jsonPath().getList("$").size());

        // --- close now until tomorrow 08:00, see the state say so, then reopen ---
        String tomorrow8 = LocalDate.now(PARIS).plusDays(1) + "T08:00";
        assertEquals(tomorrow8, browser.find("#override-until").getAttribute("value"), "the usual end is offered");
        browser.find("#force-closed").click();
        browser.fill("#override-until", tomorrow8);
        browser.type("#override-reason", "Équipe incomplète ce soir");
        browser.find("#override-apply").click();
        Poll.until(PAGE, () -> {
            assertEquals("false", browser.find("#state .line-state").getAttribute("data-open"));
            assertTrue(browser.text("#state .line-state").orElseThrow().startsWith("Fermée"));
            assertEquals("fermeture forcée : Équipe incomplète ce soir", browser.text("#state .why").orElseThrow());
            assertEquals("jusqu'à demain à 08:00", browser.text("#state .until").orElseThrow());
        });
        JsonPath forced = asOperator().get("/api/lines/" + LINE).jsonPath();
        assertEquals("CLOSED", forced.getString("override.state"));
        assertEquals(LocalDate.now(PARIS).plusDays(1).atTime(LocalTime.of(8, 0)).atZone(PARIS).toInstant().toString(),
                forced.getString("override.until"), "tomorrow 08:00 in the line's zone");
        assertEquals("OVERRIDE", asOperator().get("/api/lines/" + LINE + "/status").jsonPath().getString("reason"));

        browser.open(url("lines.html"));
        String card = "article[data-line='" + LINE + "']";
        Poll.until(PAGE, () -> {
            assertTrue(browser.text(card + " .line-state").orElseThrow().startsWith("Fermée"));
            assertEquals("jusqu'à demain à 08:00", browser.text(card + " .until").orElseThrow());
        });
        Poll.until(PAGE, () -> assertEquals(List.of(), browser.visible(".state-slot").stream()
                .filter(e -> e.getText().startsWith("Lecture")).toList(), "every line's state read"));
        browser.shot("lines");

        browser.find(card + " a.button").click(); // "Fermer ou ouvrir maintenant"
        Poll.until(PAGE, () -> assertTrue(browser.find("#override-now").isDisplayed()));
        assertEquals("Forçage en cours : fermée jusqu'à demain à 08:00 — motif : Équipe incomplète ce soir.",
                browser.text("#override-now").orElseThrow());
        assertTrue(browser.find("#force-open").isSelected(), "a closed line is offered to open");
        browser.type("#override-reason", "Renfort arrivé");
        browser.find("#override-apply").click();
        Poll.until(PAGE, () -> {
            assertEquals("true", browser.find("#state .line-state").getAttribute("data-open"));
            assertEquals("ouverture forcée : Renfort arrivé", browser.text("#state .why").orElseThrow());
        });
        browser.shot("hours");

        browser.find("#override-lift").click();
        Poll.until(PAGE, () -> {
            assertFalse(browser.find("#override-now").isDisplayed());
            assertFalse(browser.text("#state .why").orElseThrow().contains("forcée"));
            assertTrue(browser.text("#page-message").orElseThrow().startsWith("Forçage levé"));
        });
        assertNull(asOperator().get("/api/lines/" + LINE).jsonPath().get("override"));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void operatorEditsALineAndSeesTheFieldAtFault() throws Exception {
        PageFixtures.line("page-reglages", "+33800000932");
        browser.open(url("line.html?code=page-reglages"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertEquals("page-reglages", browser.find("#line-form [name='code']").getAttribute("value")));
        browser.type("#line-form [name='number']", "0800 123");
        browser.type("#line-form [name='rules.wrapUpSeconds']", "5000");
        browser.find("#save-line").click();
        Poll.until(PAGE, () -> {
            assertEquals("true", browser.find("#line-form [name='number']").getAttribute("aria-invalid"));
            assertTrue(browser.text("#line-form [name='number'] ~ .field-error").isPresent());
            assertEquals("must be between 0 and 1800",
                    browser.text("#line-form [name='rules.wrapUpSeconds'] + .field-error").orElseThrow());
        });
        assertEquals("+33800000932", asOperator().get("/api/lines/page-reglages").jsonPath().getString("number"));

        browser.type("#line-form [name='number']", "+33800000903");
        browser.type("#line-form [name='rules.wrapUpSeconds']", "60");
        browser.type("#line-form [name='name']", "Ligne du week-end");
        browser.find("#save-line").click();
        Poll.until(PAGE, () -> assertEquals("Réglages enregistrés.", browser.text("#page-message").orElseThrow()));
        JsonPath saved = asOperator().get("/api/lines/page-reglages").jsonPath();
        assertEquals("+33800000903", saved.getString("number"));
        assertEquals(60, saved.getInt("rules.wrapUpSeconds"));
        assertEquals("Ligne du week-end", browser.text("#summary-list div:nth-child(2) dd").orElseThrow());
        browser.shot("line-settings");
        assertEquals(List.of(), browser.scriptErrors());
    }

    private void addPeriod(String day, String from, String to) {
        String block = "fieldset[data-day='" + day + "']";
        browser.find(block + " .add-period").click();
        browser.fill(block + " li.period:last-child input.from", from);
        browser.fill(block + " li.period:last-child input.to", to);
    }
}
