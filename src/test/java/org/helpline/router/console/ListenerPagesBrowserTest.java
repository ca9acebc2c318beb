package org.helpline.router.console;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.helpline.router.listeners.SipCredentials;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.helpline.router.console.PageFixtures.captured;
import static org.helpline.router.console.PageFixtures.lastAction;
import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listeners' page in a real headless Chromium against a fake Asterisk manager: an operator registers a
 * listener on a line and logs them in; an operator creates a listener and sees their softphone settings, the
 * password once (checked against the accounts file Asterisk reads) and a QR code a camera reads, resets the
 * password, sees the phone's registration and failed attempts, disables and enables them; a coordinator sees
 * the settings without password or reset, pauses a listener with a reason and resumes them.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ListenerPagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final String COORDINATOR = "page-listeners-coordinator";
    private static final String PASSWORD = "page-listeners-password";
    /** The accounts file the service writes in tests ({@code %test.helpline.sip.accounts-file}). */
    private static final Path ACCOUNTS = Path.of("target/helpline-listeners.conf");

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
        browser.type("#listener-username", "page-vega");
        browser.find("#listener-line-choices input[value='page-ecoute']").click();
        browser.find("#listener-save").click();
        Poll.until(PAGE, () -> assertEquals("Écoutante Véga est inscrit·e : voici les réglages de son softphone.",
                browser.text("#action-message").orElseThrow()));
        JsonPath created = asOperator().get("/api/listeners").jsonPath();
        long id = created.getLong("find { it.endpoint == 'PJSIP/page-vega' }.id");
        assertEquals(List.of("page-ecoute"), created.getList("find { it.endpoint == 'PJSIP/page-vega' }.lines"));
        assertEquals("page-vega", created.getString("find { it.endpoint == 'PJSIP/page-vega' }.sipUsername"));
        browser.find("#softphone-close").click();

        String row = "tr[data-listener-id='" + id + "']";
        Poll.until(PAGE, () -> {
            assertEquals("Ligne page-ecoute", browser.text(row + " .lines").orElseThrow());
            assertTrue(browser.present(row + " button[data-action='login']"), "registered, not yet in the queue");
        });

        // A bad username is refused beside its field, in the API's words; so is a bad hand-written endpoint.
        browser.type("#listener-name", "Sans poste");
        browser.type("#listener-username", "Sans Poste");
        browser.find("#listener-save").click();
        Poll.until(PAGE, () -> assertEquals("true", browser.find("#listener-username").getAttribute("aria-invalid")));
        assertTrue(browser.text("#listener-errors").orElseThrow().startsWith("Demande refusée : sipUsername"));
        browser.type("#listener-username", "");
        browser.find("#listener-advanced summary").click();
        browser.type("#listener-endpoint", "06 12 34 56 78");
        browser.find("#listener-save").click();
        Poll.until(PAGE, () -> assertEquals("true", browser.find("#listener-endpoint").getAttribute("aria-invalid")));
        assertTrue(browser.text("#listener-errors").orElseThrow().startsWith("Demande refusée : endpoint"));
        browser.find("#listener-endpoint").clear();

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
        ami.send(contact("page-vega", "Reachable"));
        Poll.until(PAGE, () -> assertTrue(browser.text(row + " .registration").orElseThrow().startsWith("Téléphone connecté")));
        browser.shot("listeners");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void operatorCreatesAListenerAndSeesTheirSoftphoneSettingsOnce() throws Exception {
        PageFixtures.line("page-softphone", "+33800004983");
        browser.open(url("listeners.html"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.present("#listener-line-choices input[value='page-softphone']")));
        assertFalse(browser.find("#listener-endpoint").isDisplayed(), "no endpoint asked by default");
        int reloads = ami.actions("Reload").size();

        browser.type("#listener-name", "Écoutant Altaïr");
        browser.find("#listener-line-choices input[value='page-softphone']").click();
        browser.find("#listener-save").click();
        Poll.until(PAGE, () -> assertTrue(browser.find("#softphone").isDisplayed()));
        JsonPath created = asOperator().get("/api/listeners").jsonPath();
        long id = created.getLong("find { it.displayName == 'Écoutant Altaïr' }.id");
        String user = created.getString("find { it.id == " + id + " }.sipUsername");
        assertEquals("ecoutant-ecoutant-altair", user);
        assertTrue(ami.actions("Reload").size() > reloads, "the account is in Asterisk");

        // What the volunteer types into the softphone, the password with its warning, the QR code of the address.
        assertEquals("Pour Écoutant Altaïr, compte " + user + ".", browser.text("#softphone-who").orElseThrow());
        assertEquals("localhost", setting("server"));
        assertEquals("5060", setting("port"));
        assertEquals("UDP", setting("transport"));
        assertEquals(user, setting("username"));
        String sipUri = "sip:" + user + "@localhost:5060;transport=udp";
        assertEquals(sipUri, setting("SIP address"));
        String password = browser.text("#softphone code.secret").orElseThrow();
        assertTrue(password.matches("([a-z2-9]{4}-){4}[a-z2-9]{4}"), password);
        assertTrue(accountFile().contains("password_digest = " + SipCredentials.digest(user, "asterisk", password)),
                "the password shown is the one Asterisk checks");
        assertTrue(browser.find("#softphone-once").isDisplayed());
        assertTrue(browser.text("#softphone-once").orElseThrow().contains("ne sera plus jamais montré"));
        assertEquals("softphone-title", browser.driver().executeScript("return document.activeElement.id"),
                "the keyboard and screen readers land on the settings");
        Poll.until(PAGE, () -> assertEquals(sipUri, qrCode(), "a camera reads the account's address in the QR code"));
        browser.shot("listener-softphone");

        // Shown once: after a reload the settings are there again, the password is not.
        browser.driver().navigate().refresh();
        String row = "tr[data-listener-id='" + id + "']";
        Poll.until(PAGE, () -> assertTrue(browser.present(row + " button.open-softphone")));
        assertFalse(browser.find("#softphone").isDisplayed());
        assertFalse(browser.driver().getPageSource().contains(password));
        browser.find(row + " button.open-softphone").click();
        Poll.until(PAGE, () -> assertEquals(user, setting("username")));
        assertFalse(browser.present("#softphone code.secret"));
        assertTrue(setting("password").startsWith("non affiché"), setting("password"));
        assertFalse(browser.find("#softphone-once").isDisplayed());
        assertFalse(browser.driver().getPageSource().contains(password));
        Poll.until(PAGE, () -> assertEquals(sipUri, qrCode()));

        // A forgotten password: a new one, after confirming, shown once; the old one stops working.
        browser.find("#softphone-reset").click();
        Poll.until(PAGE, () -> assertTrue(browser.present("#confirm-dialog[open]")));
        browser.find("#confirm-yes").click();
        Poll.until(PAGE, () -> {
            assertTrue(browser.present("#softphone code.secret"));
            assertEquals("Nouveau mot de passe SIP pour Écoutant Altaïr ; l'ancien ne fonctionne plus.",
                    browser.text("#action-message").orElseThrow());
        });
        String renewed = browser.text("#softphone code.secret").orElseThrow();
        assertTrue(renewed.matches("([a-z2-9]{4}-){4}[a-z2-9]{4}"), renewed);
        assertNotEquals(password, renewed);
        assertTrue(browser.find("#softphone-once").isDisplayed());
        String file = accountFile();
        assertTrue(file.contains("password_digest = " + SipCredentials.digest(user, "asterisk", renewed)));
        assertFalse(file.contains(SipCredentials.digest(user, "asterisk", password)));
        browser.find("#softphone-close").click();
        assertFalse(browser.present("#softphone code.secret"), "closed, the password leaves the page");

        // The phone's registration and its failed attempts, as Asterisk tells them.
        assertTrue(browser.text(row + " .registration").orElseThrow().startsWith("Téléphone non connecté"));
        ami.send(contact(user, "Reachable"));
        for (int i = 0; i < 2; i++) {
            ami.send("Event: ChallengeResponseFailed\nPrivilege: security,all\nService: PJSIP\nEventVersion: 1\nAccountID: "
                    + user + "\nRemoteAddress: IPV4/UDP/203.0.113.9/5062\n");
        }
        Poll.until(PAGE, () -> {
            String phone = browser.text(row + " .registration").orElseThrow();
            assertTrue(phone.startsWith("Téléphone connecté"), phone);
            assertTrue(phone.contains("2 connexions refusées, la dernière le "), phone);
            assertFalse(phone.contains("203.0.113.9"));
        });

        // Disabled: no account in Asterisk, no shift; enabled again, the same account.
        browser.find(row + " button.enable").click();
        Poll.until(PAGE, () -> assertTrue(browser.present("#confirm-dialog[open]")));
        browser.find("#confirm-yes").click();
        Poll.until(PAGE, () -> {
            assertEquals("false", browser.find(row).getAttribute("data-enabled"));
            assertTrue(browser.text(row + " .registration").orElseThrow().startsWith("Désactivé·e"));
            assertFalse(browser.present(row + " .shifts button"));
        });
        assertFalse(asOperator().get("/api/listeners/" + id).jsonPath().getBoolean("enabled"));
        assertFalse(accountFile().contains("[" + user + "]"));
        browser.find(row + " button.enable").click();
        Poll.until(PAGE, () -> assertEquals("true", browser.find(row).getAttribute("data-enabled")));
        assertTrue(asOperator().get("/api/listeners/" + id).jsonPath().getBoolean("enabled"));
        assertTrue(accountFile().contains("password_digest = " + SipCredentials.digest(user, "asterisk", renewed)));
        assertEquals(List.of(), browser.scriptErrors(), "no script error, no refusal by the page's security policy");
    }

    @Test
    void coordinatorPausesAListenerWithAReasonAndResumesThem() throws Exception {
        PageFixtures.line("page-pause", "+33800000907");
        PageFixtures.coordinator(COORDINATOR, PASSWORD);
        long id = asOperator().contentType("application/json")
                .body("{\"displayName\":\"Écoutant Orion\",\"sipUsername\":\"page-orion\",\"lines\":[\"page-pause\"]}")
                .post("/api/listeners").then().statusCode(201).extract().jsonPath().getLong("id");
        ami.send(captured("ami-member-login-pause-logout.txt", "QueueMemberAdded", "page-pause", "PJSIP/page-orion"));

        browser.open(url("listeners.html"));
        browser.signIn(COORDINATOR, PASSWORD);
        String row = "tr[data-listener-id='" + id + "']";
        Poll.until(PAGE, () -> assertTrue(browser.text(row + " .state").orElseThrow().startsWith("Disponible")));
        assertFalse(browser.find("#editor").isDisplayed(), "coordinators register nobody");
        assertFalse(browser.find(row + " .manage").isDisplayed(), "no change, disabling or unregistering");
        assertTrue(browser.text(row + " .registration").orElseThrow().startsWith("Téléphone non connecté"));

        // The softphone's settings, to help a volunteer set up their phone: no password, and no way to make one.
        browser.find(row + " button.open-softphone").click();
        Poll.until(PAGE, () -> assertTrue(browser.find("#softphone").isDisplayed()));
        assertEquals("page-orion", browser.text("#softphone-settings [data-setting='username'] dd").orElseThrow());
        assertFalse(browser.present("#softphone code.secret"));
        assertFalse(browser.find("#softphone-reset").isDisplayed(), "coordinators reset no password");
        browser.find("#softphone-close").click();

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

    private String setting(String name) {
        return browser.text("#softphone-settings [data-setting='" + name + "'] dd").orElseThrow();
    }

    /** What a phone's camera reads in the QR code as the page shows it. */
    private String qrCode() {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(browser.find("#softphone-qr").getScreenshotAs(OutputType.BYTES)));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
            return new QRCodeReader().decode(bitmap).getText();
        } catch (Exception e) {
            throw new AssertionError("no readable QR code on the page", e);
        }
    }

    private static String accountFile() {
        try {
            return Files.readString(ACCOUNTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asterisk's word that a phone's contact changed (Reachable, Removed…). */
    private static String contact(String user, String status) {
        return "Event: ContactStatus\nPrivilege: system,all\nURI: sip:" + user + "@203.0.113.9:5062\nContactStatus: " + status
                + "\nAOR: " + user + "\nEndpointName: " + user + "\nRoundtripUsec: 1200\n";
    }
}
