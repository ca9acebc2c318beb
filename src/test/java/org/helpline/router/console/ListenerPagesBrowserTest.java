package org.helpline.router.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.LineFixtures;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.helpline.router.console.PageFixtures.captured;
import static org.helpline.router.console.PageFixtures.lastAction;
import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listeners' page in a real headless Chromium against a fake Asterisk manager: an operator registers a
 * listener on a line and logs them in; a coordinator pauses them with a reason and resumes them.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ListenerPagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final String COORDINATOR = "page-listeners-coordinator";
    private static final String PASSWORD = "page-listeners-password";

    FakeAmiServer ami;
    ConsoleBrowser browser;

    @BeforeEach
    void linked() throws Exception {
        ami = FakeAmiProfile.server();
        ami.listen();
        ami.answerPings(true);
        Poll.until(Duration.ofSeconds(10), () -> assertTrue(ami.clientCount() > 0, "service connected to the fake AMI"));
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operatorRegistersAListenerOnALineAndLogsThemIn() throws Exception {
        PageFixtures.line("page-ecoute", "+33800000905");
        PageFixtures.line("page-jeunes", "+33800000906");
        browser.open(url("listeners.html"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.present("#listener-line-choices input[value='page-ecoute']")));

        browser.type("#listener-name", "Écoutante Véga");
        browser.type("#listener-endpoint", "PJSIP/page-vega");
        browser.find("#listener-line-choices input[value='page-ecoute']").click();
        browser.find("#listener-save").click();
        Poll.until(PAGE, () -> assertEquals("Écoutante Véga est inscrit·e.", browser.text("#action-message").orElseThrow()));
        JsonPath created = asOperator().get("/api/listeners").jsonPath();
        long id = created.getLong("find { it.endpoint == 'PJSIP/page-vega' }.id");
        assertEquals(List.of("page-ecoute"), created.getList("find { it.endpoint == 'PJSIP/page-vega' }.lines"));

        String row = "tr[data-listener-id='" + id + "']";
        Poll.until(PAGE, () -> {
            assertEquals("Ligne page-ecoute", browser.text(row + " .lines").orElseThrow());
            assertTrue(browser.present(row + " button[data-action='login']"), "registered, not yet in the queue");
        });

        // A bad endpoint is refused beside its field, in the API's words.
        browser.type("#listener-name", "Sans poste");
        browser.type("#listener-endpoint", "06 12 34 56 78");
        browser.find("#listener-save").click();
        Poll.until(PAGE, () -> assertEquals("true", browser.find("#listener-endpoint").getAttribute("aria-invalid")));
        assertTrue(browser.text("#listener-errors").orElseThrow().startsWith("Demande refusée : endpoint"));

        browser.find(row + " button[data-action='login']").click();
        Poll.until(PAGE, () -> {
            Map<String, String> add = lastAction(ami, "QueueAdd", "PJSIP/page-vega");
            assertEquals("page-ecoute", add.get("Queue"));
            assertEquals("Écoutante Véga est mis·e en service.", browser.text("#action-message").orElseThrow());
        });
        ami.send(captured("ami-member-login-pause-logout.txt", "QueueMemberAdded", "page-ecoute", "PJSIP/page-vega"));
        Poll.until(PAGE, () -> {
            assertTrue(browser.text(row + " .state").orElseThrow().startsWith("Disponible"));
            assertTrue(browser.present(row + " button[data-action='pause']"));
        });

        // Attached to a second line from the same page.
        browser.find(row + " .manage button").click();
        Poll.until(PAGE, () -> assertEquals("Écoutante Véga", browser.find("#listener-name").getAttribute("value")));
        browser.find("#listener-line-choices input[value='page-jeunes']").click();
        browser.find("#listener-save").click();
        Poll.until(PAGE, () -> assertEquals("Ligne page-ecoute, Ligne page-jeunes", browser.text(row + " .lines").orElseThrow()));
        assertEquals(List.of("page-ecoute", "page-jeunes"), asOperator().get("/api/listeners/" + id).jsonPath().getList("lines"));
        browser.shot("listeners");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void coordinatorPausesAListenerWithAReasonAndResumesThem() throws Exception {
        PageFixtures.line("page-pause", "+33800000907");
        PageFixtures.coordinator(COORDINATOR, PASSWORD);
        long id = LineFixtures.listener("Écoutant Orion", "PJSIP/page-orion", "page-pause");
        ami.send(captured("ami-member-login-pause-logout.txt", "QueueMemberAdded", "page-pause", "PJSIP/page-orion"));

        browser.open(url("listeners.html"));
        browser.signIn(COORDINATOR, PASSWORD);
        String row = "tr[data-listener-id='" + id + "']";
        Poll.until(PAGE, () -> assertTrue(browser.text(row + " .state").orElseThrow().startsWith("Disponible")));
        assertFalse(browser.find("#editor").isDisplayed(), "coordinators register nobody");
        assertFalse(browser.find(row + " .manage").isDisplayed());

        browser.find(row + " button[data-action='pause']").click();
        Poll.until(PAGE, () -> assertTrue(browser.present("#pause-dialog[open]")));
        browser.find("#pause-reason").sendKeys("Débriefing");
        browser.find("#pause-confirm").click();
        Poll.until(PAGE, () -> {
            Map<String, String> pause = lastAction(ami, "QueuePause", "PJSIP/page-orion");
            assertEquals("page-pause", pause.get("Queue"));
            assertEquals("true", pause.get("Paused"));
            assertEquals("Débriefing", pause.get("Reason"));
            assertEquals("Écoutant Orion est mis·e en pause (Débriefing).", browser.text("#action-message").orElseThrow());
        });
        ami.send(captured("ami-member-login-pause-logout.txt", "QueueMemberPause", "page-pause", "PJSIP/page-orion")
                .replace("PausedReason: Pause", "PausedReason: Débriefing"));
        Poll.until(PAGE, () -> {
            assertEquals("En pause — Débriefing", browser.text(row + " .state").orElseThrow());
            assertTrue(browser.present(row + " button[data-action='resume']"));
        });

        browser.find(row + " button[data-action='resume']").click();
        Poll.until(PAGE, () -> {
            Map<String, String> resume = lastAction(ami, "QueuePause", "PJSIP/page-orion");
            assertEquals("false", resume.get("Paused"));
            assertEquals("Écoutant Orion reprend les appels.", browser.text("#action-message").orElseThrow());
        });
        assertEquals(List.of(), browser.scriptErrors());
    }
}
