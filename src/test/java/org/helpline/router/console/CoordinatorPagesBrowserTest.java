package org.helpline.router.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.LineFixtures;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.helpline.router.console.PageFixtures.PARIS;
import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator in the console, in a real headless Chromium: reads every setting but sees no control to change
 * one except the override; a control forced onto the page is refused by the API, and the page says why in the
 * API's words; closes the line now and reopens it, and the audit trail names them.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CoordinatorPagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final String LINE = "page-garde";
    private static final String COORDINATOR = "page-coordinator";
    private static final String PASSWORD = "page-coordinator-password";
    private static final String REFUSED = "Votre rôle ne permet pas cette action : "
            + "Your account's role does not allow this action; it needs the role operator";

    ConsoleBrowser browser;

    @BeforeEach
    void lineAndCoordinator() throws Exception {
        PageFixtures.line(LINE, "+33800000904");
        LineFixtures.weekdayHours(LINE, "09:00", "21:00");
        asOperator().delete("/api/lines/" + LINE + "/override");
        if (asOperator().get("/api/lines/" + LINE + "/closures").jsonPath().getList("$").isEmpty()) {
            asOperator().contentType("application/json").body("{\"from\":\"" + PageFixtures.nextChristmas()
                    + "T00:00\",\"to\":\"" + PageFixtures.nextChristmas().plusDays(1) + "T00:00\",\"reason\":\"Noël\"}")
                    .post("/api/lines/" + LINE + "/closures").then().statusCode(201);
        }
        PageFixtures.coordinator(COORDINATOR, PASSWORD);
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void coordinatorSeesNoConfigurationControlButTheOverride() {
        browser.open(url("lines.html"));
        browser.signIn(COORDINATOR, PASSWORD);
        String card = "article[data-line='" + LINE + "']";
        Poll.until(PAGE, () -> assertTrue(browser.text(card + " .line-state").orElseThrow().matches("(Ouverte|Fermée).*")));
        assertEquals(List.of(), controls("main"), "nothing to change on the list of lines");
        assertFalse(browser.find("a[href='line.html']").isDisplayed(), "no line to create");
        assertFalse(browser.find("a[href='audit.html']").isDisplayed(), "the audit trail is the operators'");

        browser.open(url("line.html?code=" + LINE));
        Poll.until(PAGE, () -> assertEquals(LINE, browser.text("#summary-list div:first-child dd").orElseThrow()));
        assertEquals(List.of(), controls("main"), "settings are read, not changed");

        browser.open(url("hours.html?line=" + LINE));
        Poll.until(PAGE, () -> {
            assertEquals("lundi : 09:00–21:00", browser.text("#weekly-view li[data-day='MONDAY']").orElseThrow());
            assertEquals("Noël", browser.text("#closures-list tbody .reason").orElseThrow());
        });
        List<String> outside = browser.visible("main input, main select, main textarea, main button").stream()
                .filter(e -> e.findElements(By.xpath("ancestor::section[@id='override']")).isEmpty())
                .map(this::describe).toList();
        assertEquals(List.of(), outside, "the override is the only control");
        assertTrue(browser.find("#override-apply").isDisplayed());

        browser.open(url("messages.html?line=" + LINE));
        Poll.until(PAGE, () -> assertTrue(browser.present("#spoken-table tr[data-message='notice']")));
        assertEquals(List.of(), browser.visible("main input, main select, main textarea, main button:not(.play)").stream()
                .map(this::describe).toList(), "messages are heard, not changed");
        assertEquals(6, browser.visible("#spoken-table button.play").size());

        if (asOperator().get("/api/listeners").jsonPath().getList("endpoint").contains("PJSIP/page-garde-1")) {
            asOperator().delete("/api/listeners/" + asOperator().get("/api/listeners").jsonPath()
                    .getLong("find { it.endpoint == 'PJSIP/page-garde-1' }.id"));
        }
        long listener = LineFixtures.listener("Écoutante Lyra", "PJSIP/page-garde-1", LINE);
        browser.open(url("listeners.html"));
        Poll.until(PAGE, () -> assertTrue(browser.present("tr[data-listener-id='" + listener + "'] button[data-action]"),
                "the listener's shift actions are offered"));
        assertFalse(browser.find("#editor").isDisplayed(), "no listener to register");
        assertEquals(List.of(), browser.visible("main button:not([data-action]):not(.open-softphone)").stream()
                .map(this::describe).toList(), "only the listeners' shift actions and their softphone settings to read");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void aForcedControlIsRefusedInTheApisWords() {
        browser.open(url("hours.html?line=" + LINE));
        browser.signIn(COORDINATOR, PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.present("#weekly-view li[data-day='MONDAY']")));
        assertFalse(browser.find("#weekly-form").isDisplayed());

        // The page shown as an operator's, as a stale page or a hand-made request would: the API still decides.
        browser.driver().executeScript("document.body.dataset.role = 'operator'");
        browser.driver().executeScript("document.querySelector('#weekly-view').remove()");
        Poll.until(PAGE, () -> assertTrue(browser.find("#closure-add").isDisplayed()));
        browser.fill("#closure-from", "2031-05-01T00:00");
        browser.fill("#closure-to", "2031-05-02T00:00");
        browser.type("#closure-reason", "Fête du travail");
        browser.find("#closure-add").click();
        Poll.until(PAGE, () -> assertEquals(REFUSED, browser.text("#closures-form .error").orElseThrow()));
        assertEquals(1, asOperator().get("/api/lines/" + LINE + "/closures").jsonPath().getList("$").size(), "nothing added");

        browser.find("#closures-list tbody button").click();
        Poll.until(PAGE, () -> assertEquals(REFUSED, browser.text("#page-message").orElseThrow()));
        assertEquals(1, asOperator().get("/api/lines/" + LINE + "/closures").jsonPath().getList("$").size(), "nothing removed");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void coordinatorClosesTheLineNowAndReopensIt() throws Exception {
        browser.open(url("hours.html?line=" + LINE));
        browser.signIn(COORDINATOR, PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.present("#state .line-state")));

        // An "until" already past is refused in the API's words.
        browser.find("#force-closed").click();
        browser.fill("#override-until", LocalDate.now(PARIS).minusDays(1) + "T08:00");
        browser.type("#override-reason", "Équipe incomplète ce soir");
        browser.find("#override-apply").click();
        Poll.until(PAGE, () -> assertEquals("Demande refusée : until: must be in the future",
                browser.text("#override-error").orElseThrow()));
        assertEquals("true", browser.find("#override-until").getAttribute("aria-invalid"));

        browser.fill("#override-until", LocalDate.now(PARIS).plusDays(1) + "T08:00");
        browser.find("#override-apply").click();
        Poll.until(PAGE, () -> {
            assertEquals("false", browser.find("#state .line-state").getAttribute("data-open"));
            assertEquals("fermeture forcée : Équipe incomplète ce soir", browser.text("#state .why").orElseThrow());
            assertEquals("jusqu'à demain à 08:00", browser.text("#state .until").orElseThrow());
        });
        assertEquals("OVERRIDE", asOperator().get("/api/lines/" + LINE + "/status").jsonPath().getString("reason"));

        browser.find("#override-lift").click();
        Poll.until(PAGE, () -> assertTrue(browser.text("#page-message").orElseThrow().startsWith("Forçage levé")));
        assertNull(asOperator().get("/api/lines/" + LINE).jsonPath().get("override"));
        assertFalse(browser.text("#state .why").orElseThrow().contains("forcée"));

        JsonPath audit = asOperator().queryParam("target", "line:" + LINE).get("/api/audit").jsonPath();
        assertEquals(List.of("override.clear", "override.set"), audit.getList("action").subList(0, 2));
        assertEquals(List.of(COORDINATOR, COORDINATOR), audit.getList("actor").subList(0, 2));
        assertEquals(List.of(), browser.scriptErrors());
    }

    /** Form controls visible under the selector, described for a readable failure. */
    private List<String> controls(String within) {
        return browser.visible(within + " input, " + within + " select, " + within + " textarea, " + within + " button")
                .stream().map(this::describe).toList();
    }

    private String describe(WebElement e) {
        return e.getTagName() + "#" + e.getAttribute("id") + "[" + e.getText() + "]";
    }
}
