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
import java.util.List;

import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line's messages page in a real headless Chromium: an operator listens to the generic notice, uploads their
 * own recording and hears it, is refused a file that is no WAV in the API's words, and goes back to the generic
 * notice; a coordinator sees and hears the messages but has nothing to change them with, and an upload or a revert
 * forced onto their page is refused in the API's words.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MessagePagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final String COORDINATOR = "page-messages-coordinator";
    private static final String PASSWORD = "page-messages-password";
    private static final String REFUSED = "Votre rôle ne permet pas cette action : "
            + "Your account's role does not allow this action; it needs the role operator";

    ConsoleBrowser browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operatorUploadsTheNoticeHearsItThenGoesBackToTheGenericOne() throws Exception {
        PageFixtures.line("page-messages", "+33800004981");
        browser.open(url("messages.html?line=page-messages"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        String notice = "tr[data-message='notice'][data-language='fr']";
        Poll.until(PAGE, () -> assertEquals("false", browser.find(notice).getAttribute("data-custom")));
        assertEquals(List.of("notice", "closed", "no-listener", "overload", "queue-timeout", "goodbye"),
                browser.visible("#spoken-table tbody tr").stream().map(r -> r.getAttribute("data-message")).toList(),
                "the six messages, in the order of a call");
        assertTrue(browser.text(notice + " .version").orElseThrow().startsWith("Générique"));
        assertTrue(browser.find("nav.line-tabs a[aria-current='page']").getAttribute("href")
                .endsWith("messages.html?line=page-messages"), "the line's Messages tab");

        // The generic notice plays in the page, fetched with the account's credentials.
        browser.find(notice + " button.play").click();
        Poll.until(PAGE, () -> assertTrue(playable(notice), "the generic notice loads in the player"));
        assertEquals("false", browser.find(notice + " audio").getAttribute("data-custom"));

        // A file that is not a WAV is refused in the API's words, and nothing changes.
        Path junk = PageFixtures.randomFile("notice-export.wav", 4096);
        browser.find(notice + " input[type='file']").sendKeys(junk.toString());
        browser.find(notice + " button.send").click();
        Poll.until(PAGE, () -> assertTrue(browser.text(notice + " .row-message").orElseThrow()
                .startsWith("Fichier refusé : body: is not a WAV file"), browser.text(notice + " .row-message").orElseThrow()));
        assertFalse(custom("page-messages", "notice"));

        // Too big for the service (2 MiB in tests): refused from its declared length, before it is read.
        Path big = PageFixtures.randomFile("notice-long.wav", 3 * 1024 * 1024);
        browser.find(notice + " input[type='file']").sendKeys(big.toString());
        browser.find(notice + " button.send").click();
        Poll.until(PAGE, () -> assertTrue(browser.text(notice + " .row-message").orElseThrow()
                .startsWith("Fichier trop gros : body: is too big"), browser.text(notice + " .row-message").orElseThrow()));

        // The association's own recording: listed as the line's own with its length, who and when, and heard.
        Path recording = PageFixtures.wavFile("notice-fr.wav", 2.5);
        browser.find(notice + " input[type='file']").sendKeys(recording.toString());
        browser.find(notice + " button.send").click();
        Poll.until(PAGE, () -> {
            assertEquals("true", browser.find(notice).getAttribute("data-custom"));
            assertEquals("« Avis de la charte (français) » : enregistrement déposé (2,5 s), entendu dès le prochain appel.",
                    browser.text("#page-message").orElseThrow());
        });
        assertTrue(custom("page-messages", "notice"), "the API has it as the line's own");
        assertTrue(browser.text(notice + " .version").orElseThrow().startsWith("Propre"));
        assertEquals("2,5 s", browser.text(notice + " .duration").orElseThrow());
        assertTrue(browser.text(notice + " .uploaded").orElseThrow().startsWith(TestAccounts.OPERATOR + ", aujourd'hui à "),
                browser.text(notice + " .uploaded").orElseThrow());
        assertTrue((Boolean) browser.driver().executeScript("return document.activeElement.matches(arguments[0])",
                notice + " button.play"), "the keyboard stays on the row that changed");
        browser.find(notice + " button.play").click();
        Poll.until(PAGE, () -> {
            assertTrue(playable(notice), "the recording loads in the player");
            assertEquals("true", browser.find(notice + " audio").getAttribute("data-custom"));
            double seconds = ((Number) browser.driver().executeScript("return document.querySelector(arguments[0]).duration",
                    notice + " audio")).doubleValue();
            assertEquals(2.5, seconds, 0.05, "what plays is the uploaded recording");
        });
        browser.shot("messages");

        // Back to the generic notice, after confirming.
        browser.find(notice + " button.revert").click();
        Poll.until(PAGE, () -> assertTrue(browser.present("#confirm-dialog[open]")));
        assertTrue(browser.text("#confirm-question").orElseThrow().contains("message générique"));
        browser.find("#confirm-yes").click();
        Poll.until(PAGE, () -> {
            assertEquals("false", browser.find(notice).getAttribute("data-custom"));
            assertEquals("« Avis de la charte (français) » : retour au message générique.", browser.text("#page-message").orElseThrow());
        });
        assertFalse(custom("page-messages", "notice"));
        assertTrue(browser.text(notice + " .version").orElseThrow().startsWith("Générique"));
        assertEquals("—", browser.text(notice + " .uploaded").orElseThrow());
        assertFalse(browser.present(notice + " button.revert"));
        assertEquals(List.of(), browser.scriptErrors(), "no script error, no refusal by the page's security policy");
    }

    @Test
    void coordinatorSeesAndHearsTheMessagesButCannotChangeThem() throws Exception {
        PageFixtures.line("page-messages-coord", "+33800004982");
        PageFixtures.coordinator(COORDINATOR, PASSWORD);
        asOperator().contentType("audio/wav").body(Files.readAllBytes(PageFixtures.wavFile("closed-fr.wav", 1.5)))
                .put("/api/lines/page-messages-coord/messages/closed/fr").then().statusCode(200);

        browser.open(url("messages.html?line=page-messages-coord"));
        browser.signIn(COORDINATOR, PASSWORD);
        String closed = "tr[data-message='closed'][data-language='fr']";
        Poll.until(PAGE, () -> assertEquals("true", browser.find(closed).getAttribute("data-custom")));
        assertEquals("1,5 s", browser.text(closed + " .duration").orElseThrow());
        assertEquals(6, browser.visible("#spoken-table tbody tr").size());
        assertEquals(List.of(), browser.visible("form.upload"), "no upload for coordinators");
        assertEquals(List.of(), browser.visible("button.revert"), "no revert for coordinators");
        assertFalse(browser.find("#upload-hint").isDisplayed());

        browser.find(closed + " button.play").click();
        Poll.until(PAGE, () -> assertTrue(playable(closed), "coordinators listen"));
        assertEquals("true", browser.find(closed + " audio").getAttribute("data-custom"));

        // The other language is kept apart, not played; its generic prompts can be heard too.
        String english = "tr[data-message='closed'][data-language='en']";
        assertNull(browser.find("#other").getAttribute("open"), "folded: nothing of its own in English");
        browser.find("#other-title").click();
        browser.find(english + " button.play").click();
        Poll.until(PAGE, () -> assertTrue(playable(english)));
        assertEquals("false", browser.find(english + " audio").getAttribute("data-custom"));

        // Forced onto the page (a stale page, a hand-made request), an upload and a revert are refused by the API in
        // its words, and nothing changes.
        browser.driver().executeScript("document.body.dataset.role = 'operator'");
        String notice = "tr[data-message='notice'][data-language='fr']";
        Poll.until(PAGE, () -> assertTrue(browser.find(notice + " input[type='file']").isDisplayed()));
        browser.find(notice + " input[type='file']").sendKeys(PageFixtures.wavFile("forced-notice.wav", 1).toString());
        browser.find(notice + " button.send").click();
        Poll.until(PAGE, () -> assertEquals(REFUSED, browser.text(notice + " .row-message").orElseThrow()));
        assertFalse(custom("page-messages-coord", "notice"));
        browser.find(closed + " button.revert").click();
        Poll.until(PAGE, () -> assertTrue(browser.present("#confirm-dialog[open]")));
        browser.find("#confirm-yes").click();
        Poll.until(PAGE, () -> assertEquals(REFUSED, browser.text(closed + " .row-message").orElseThrow()));
        assertTrue(custom("page-messages-coord", "closed"));
        assertEquals(List.of(), browser.scriptErrors());
    }

    /** The player holds a blob of this origin that the browser decoded: it knows the audio's length. */
    private boolean playable(String row) {
        Object ok = browser.driver().executeScript("const a = document.querySelector(arguments[0] + ' audio');"
                + "return !!a && a.src.startsWith('blob:' + location.origin) && a.readyState >= 1 && a.duration > 0;", row);
        return Boolean.TRUE.equals(ok);
    }

    private static boolean custom(String line, String name) {
        JsonPath list = asOperator().get("/api/lines/" + line + "/messages").then().statusCode(200).extract().jsonPath();
        return list.getBoolean("find { it.name == '" + name + "' && it.language == 'fr' }.custom");
    }
}
