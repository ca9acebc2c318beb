package org.helpline.router.console;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.helpline.router.journal.JournalTables;
import org.helpline.router.supervision.ServiceDay;
import org.helpline.router.support.AmiTranscript;
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
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinators' console in a real headless Chromium, against the service and a fake Asterisk manager:
 * sign in through the form, watch a caller join live, pause a listener and see the exact AMI action.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ConsoleBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);

    FakeAmiServer ami;
    ConsoleBrowser browser;
    @Inject
    AgroalDataSource ds;

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
    void coordinatorSeesTheQueueLiveAndPausesAListener() throws Exception {
        String q = line("co-live", "+33800000801");
        long id = LineFixtures.listener("Écoutant Lune", "PJSIP/co-lune", q);
        long away = LineFixtures.listener("Écoutant Soleil", "PJSIP/co-soleil", q);
        AmiTranscript shift = AmiTranscript.load("ami-member-login-pause-logout.txt");
        ami.send(captured(shift, "QueueMemberAdded", q, "PJSIP/co-lune"));

        browser.open(url("/console/"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        String row = "section[data-line='" + q + "'] tr[data-listener-id='" + id + "']";
        Poll.until(PAGE, () -> {
            assertEquals("Écoutant Lune", browser.text(row + " .name").orElseThrow());
            assertTrue(browser.text(row + " .badge").orElseThrow().startsWith("Disponible"));
            assertEquals("0", figure(q, "callersWaiting"));
            assertTrue(browser.text("#connection").orElseThrow().startsWith("En direct"), "reading the stream");
        });
        assertTrue(figure(q, "liveState").startsWith("connu"));
        // The line's service day starts at 06:00 in its own zone (Europe/Paris), whatever the browser's zone.
        assertTrue(browser.text("section[data-line='" + q + "'] .service-day").orElseThrow().contains("à 06:00"),
                browser.text("section[data-line='" + q + "'] .service-day").orElseThrow());

        ami.send(captured(AmiTranscript.load("ami-answered-chanvars.txt"), "QueueCallerJoin", q, "PJSIP/co-lune"));
        Poll.until(PAGE, () -> {
            assertEquals("1", figure(q, "callersWaiting"), "the caller shows without reloading the page");
            assertTrue(browser.text("section[data-line='" + q + "'] ol.callers li").orElseThrow().startsWith("Position 1"));
        });
        assertFalse(browser.driver().getPageSource().contains("0612345678"), "the caller's number never shows");

        browser.find(row + " button[data-action='pause']").click();
        Poll.until(PAGE, () -> assertTrue(browser.present("#pause-dialog[open]")));
        browser.find("#pause-reason").sendKeys("Pause café");
        browser.find("#pause-confirm").click();
        Poll.until(PAGE, () -> {
            Map<String, String> pause = lastAction("QueuePause", "PJSIP/co-lune");
            assertEquals(q, pause.get("Queue"));
            assertEquals("true", pause.get("Paused"));
            assertEquals("Pause café", pause.get("Reason"));
            assertTrue(browser.text("#action-message").orElseThrow().contains("mis·e en pause"));
        });
        ami.send(captured(shift, "QueueMemberPause", q, "PJSIP/co-lune").replace("PausedReason: Pause", "PausedReason: Pause café"));
        Poll.until(PAGE, () -> {
            assertTrue(browser.text(row + " .badge").orElseThrow().startsWith("En pause"));
            assertTrue(browser.text(row + " .since").orElseThrow().startsWith("Motif : Pause café"));
        });

        String awayRow = "section[data-line='" + q + "'] tr[data-listener-id='" + away + "']";
        assertTrue(browser.text(awayRow + " .badge").orElseThrow().startsWith("Hors service"), "registered, not in the queue");
        browser.find(awayRow + " button[data-action='login']").click();
        Poll.until(PAGE, () -> {
            assertEquals(q, lastAction("QueueAdd", "PJSIP/co-soleil").get("Queue"));
            assertTrue(browser.text("#action-message").orElseThrow().contains("Écoutant Soleil est mis·e en service"));
        });
        browser.shot("live");

        ami.reply("QueuePause", "Response: Error\nMessage: Interface not found");
        try {
            browser.find(row + " button[data-action='resume']").click();
            Poll.until(PAGE, () -> {
                String message = browser.text("#action-message").orElseThrow();
                assertEquals("Reprendre — Écoutant Lune : Asterisk a refusé : QueuePause " + q + ": Interface not found",
                        message, "the API's detail is shown");
            });
        } finally {
            ami.reply("QueuePause", null);
        }
        assertTrue(browser.text(row + " .badge").orElseThrow().startsWith("En pause"), "a refused resume changes nothing");
        Poll.until(PAGE, () -> assertTrue(figure(q, "longestWait").matches("[1-9][0-9]* s|.* min .*"),
                "the wait keeps growing on the page: " + figure(q, "longestWait")));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void todaysFiguresShowEveryFigureOfTheDailyReport() throws Exception {
        String q = line("co-today", "+33800000804");
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant dayStart = ServiceDay.start(ServiceDay.of(Instant.now(), paris, LocalTime.of(6, 0)), paris,
                LocalTime.of(6, 0));
        // Pressed 1 after the crisis numbers, heard them all, and the network refused the transfer.
        JournalTables.insertCall(ds, q, paris, dayStart.plusSeconds(60), "TRANSFER_FAILED", null, "withheld", true);

        browser.open(url("/console/"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        String all = "section[data-line='" + q + "'] details.today-all";
        Poll.until(PAGE, () -> assertTrue(browser.present(all + " > summary")));
        assertFalse(browser.present(all + "[open]"), "folded under the main figures at first");
        browser.find(all + " > summary").click();
        Poll.until(PAGE, () -> {
            assertEquals("1", today(q, "offered"));
            assertEquals("1", today(q, "transfersFailed"), "a figure the live view did not have before");
            assertEquals("1", today(q, "crisisHeard"));
            assertEquals("0", today(q, "answered"));
            assertEquals("1", today(q, "withheldCalls"));
            assertEquals("—", today(q, "serviceLevel"), "no call queued");
        });
        assertEquals("0", figure(q, "answered"), "the main figures are the same day's");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void aDroppedStreamIsSaidThenPolledThenResumed() throws Exception {
        String q = line("co-lost", "+33800000803");
        try (CuttableProxy network = CuttableProxy.to(RestAssured.port)) {
            browser.open("http://localhost:" + network.port() + "/console/");
            browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
            Poll.until(PAGE, () -> assertTrue(connection().startsWith("En direct"), connection()));
            browser.block("*/api/supervision/stream*"); // the stream cannot come back; plain reads still can
            network.cut();
            Poll.until(PAGE, () -> assertTrue(connection().startsWith("Connexion perdue"), connection()));

            ami.send(captured(AmiTranscript.load("ami-answered-chanvars.txt"), "QueueCallerJoin", q, "PJSIP/co-lost"));
            Poll.until(Duration.ofSeconds(15), () -> {
                assertEquals("1", figure(q, "callersWaiting"), "read by polling while the stream is down");
                assertTrue(connection().startsWith("Connexion perdue — relevé toutes les 5 s"), connection());
                assertTrue(browser.text("#updated").orElseThrow().startsWith("dernier relevé à"));
            });
            browser.block();
            Poll.until(Duration.ofSeconds(40), () -> assertTrue(connection().startsWith("En direct"), "the stream is back: " + connection()));
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void wrongPasswordShowsAnErrorAndNoData() {
        String q = line("co-secret", "+33800000802");
        browser.open(url("/console/"));
        browser.signIn(TestAccounts.OPERATOR, "not-the-password");
        Poll.until(PAGE, () -> assertEquals("Identifiant ou mot de passe incorrect.", browser.text("#login-error").orElseThrow()));
        assertFalse(browser.find("#board").isDisplayed());
        assertFalse(browser.present("section[data-line]"));
        assertFalse(browser.driver().getPageSource().contains(q), "no line reached the page");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void thePageIsPublicButTheDataIsNot() {
        given().get("/console/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
        given().get("/console/console.js").then().statusCode(200);
        given().redirects().follow(false).get("/console").then()
                .statusCode(org.hamcrest.Matchers.oneOf(301, 302, 303, 307, 308))
                .header("Location", org.hamcrest.Matchers.endsWith("/console/"));
        given().get("/api/supervision").then().statusCode(401);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private String connection() {
        return browser.text("#connection").orElseThrow();
    }

    private String today(String line, String key) {
        return browser.text("section[data-line='" + line + "'] .today-figures [data-today='" + key + "'] dd")
                .orElseThrow();
    }

    private String figure(String line, String key) {
        return browser.text("section[data-line='" + line + "'] [data-figure='" + key + "'] dd").orElseThrow();
    }

    private static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    /** The first event of that name in a real capture, moved onto this queue and listener. */
    private static String captured(AmiTranscript capture, String event, String queue, String endpoint) {
        return AmiTranscript.withFreshCallIds(AmiTranscript.onQueue(capture.events(), queue)).stream()
                .filter(b -> b.startsWith("Event: " + event + "\n"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + event + " in the capture"))
                .replace("PJSIP/listener1", endpoint);
    }

    private Map<String, String> lastAction(String action, String endpoint) {
        List<Map<String, String>> all = ami.actions(action).stream().filter(a -> endpoint.equals(a.get("Interface"))).toList();
        assertFalse(all.isEmpty(), "no " + action + " for " + endpoint);
        return all.get(all.size() - 1);
    }

    private static String line(String code, String number) {
        asOperator().contentType("application/json").body("""
                {"code":"%s","name":"Ligne %s","number":"%s","crisisNumbers":[{"label":"3114","number":"3114"}]}"""
                .formatted(code, code, number)).post("/api/lines");
        Poll.until(() -> assertTrue(asOperator().get("/api/supervision").jsonPath()
                .getList("lines.line").contains(code), code + " in the snapshot"));
        return code;
    }

}
