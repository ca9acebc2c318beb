package org.helpline.router.console;

import com.sun.net.httpserver.HttpServer;
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
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.helpline.router.console.PageFixtures.PARIS;
import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hours page's calendar subscriptions in a real headless Chromium, the calendar served by a real HTTP server
 * on 127.0.0.1: an operator is refused a bad address in the API's words, subscribes the line, sees the
 * calendar's closures in the closures list with what it brought and when it was read, reads it again after the
 * calendar changed and while its server fails, renames it without touching its address, and unsubscribes; a
 * coordinator sees the same subscription without a single control.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SubscriptionPagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(15);
    private static final String LINE = "page-abonnements";
    private static final String COORDINATOR = "page-abonnements-coord";
    private static final String PASSWORD = "page-abonnements-password";
    private static final String CARD = "#subscriptions-list article.subscription";

    final AtomicReference<String> served = new AtomicReference<>();
    HttpServer server;
    ConsoleBrowser browser;

    @BeforeEach
    void lineCalendarServerAndBrowser() throws IOException {
        asOperator().delete("/api/lines/" + LINE); // a rerun against the same database starts afresh
        PageFixtures.line(LINE, "+33800000921");
        PageFixtures.coordinator(COORDINATOR, PASSWORD);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/agenda.ics", exchange -> {
            String calendar = served.get();
            if (calendar == null) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = calendar.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        server.stop(0);
        asOperator().delete("/api/lines/" + LINE);
    }

    /** All-day events {@code days} after today in Paris, one per summary; a cancelled one is left aside. */
    static String calendar(Object... daysAndSummaries) {
        StringBuilder events = new StringBuilder();
        LocalDate today = LocalDate.now(PARIS);
        for (int i = 0; i < daysAndSummaries.length; i += 2) {
            String date = today.plusDays((Integer) daysAndSummaries[i]).toString().replace("-", "");
            events.append("BEGIN:VEVENT\r\nUID:").append(date).append("@asso\r\nDTSTAMP:20260101T000000Z\r\n")
                    .append("DTSTART;VALUE=DATE:").append(date).append("\r\nSUMMARY:").append(daysAndSummaries[i + 1])
                    .append("\r\nEND:VEVENT\r\n");
        }
        events.append("BEGIN:VEVENT\r\nUID:annulee@asso\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:")
                .append(today.plusDays(5).toString().replace("-", ""))
                .append("\r\nSUMMARY:Réunion annulée\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n");
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//association//agenda//FR\r\n" + events + "END:VCALENDAR\r\n";
    }

    @Test
    void operatorSubscribesReadsAgainRenamesAndUnsubscribesCoordinatorOnlyReads() throws IOException {
        served.set(calendar(10, "Assemblée générale", 20, "Journée de formation"));
        String address = "http://127.0.0.1:" + server.getAddress().getPort() + "/agenda.ics";
        browser.open(url("hours.html?line=" + LINE));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertEquals("Aucun calendrier abonné.", browser.text("#subscriptions-list").orElseThrow()));

        // A bad address is refused in the API's words, beside the field; nothing is created.
        browser.type("#subscription-url", "ftp://calendar.example.org/agenda.ics");
        browser.find("#subscription-add").click();
        Poll.until(PAGE, () -> {
            assertTrue(browser.text("#subscription-form .error").orElseThrow().startsWith("Demande refusée : "));
            assertEquals("true", browser.find("#subscription-url").getAttribute("aria-invalid"));
        });
        String refusal = asOperator().contentType("application/json")
                .body("{\"url\":\"ftp://calendar.example.org/agenda.ics\",\"kind\":\"CLOSURE\"}")
                .post("/api/lines/" + LINE + "/calendar-subscriptions").then().statusCode(400).extract().path("detail");
        assertEquals("Demande refusée : " + refusal, browser.text("#subscription-form .error").orElseThrow());
        assertEquals(0, subscriptions().getList("$").size());

        // Subscribed: read at once, its two closures on the line, the cancelled event left aside.
        browser.type("#subscription-url", address);
        browser.type("#subscription-label", "Agenda de l'association");
        browser.find("#subscription-add").click();
        Poll.until(PAGE, () -> assertEquals("Abonnement « Agenda de l'association » enregistré : 2 fermetures sur la ligne.",
                browser.text("#subscriptions-message").orElseThrow()));
        JsonPath api = subscriptions();
        assertTrue(browser.text(CARD + " h3").orElseThrow().startsWith("Agenda de l'association"));
        assertEquals("fermetures", browser.text(CARD + " h3 .tag").orElseThrow());
        assertEquals(api.getString("[0].url"), browser.text(CARD + " [data-fact='url'] dd").orElseThrow(),
                "the address exactly as the API gives it");
        assertEquals("2 fermetures", browser.text(CARD + " [data-fact='brought'] dd").orElseThrow());
        assertEquals(api.getString("[0].lastRefreshedAt"), lastRefreshed());
        assertTrue(browser.text(CARD + " [data-fact='last-refreshed'] dd").orElseThrow().startsWith("aujourd'hui à "));
        assertEquals(api.getString("[0].lastSuccessAt"),
                browser.find(CARD + " [data-fact='last-success'] time").getAttribute("datetime"));
        assertEquals("", browser.text(CARD + " .last-error").orElseThrow());
        assertTrue(browser.text(CARD + " details.skipped summary").orElseThrow().startsWith("1 événement laissé de côté"));
        browser.find(CARD + " details.skipped summary").click();
        assertEquals("Réunion annulée — cancelled (STATUS:CANCELLED)", browser.text(CARD + " details.skipped li").orElseThrow());
        assertEquals(List.of("Assemblée générale", "Journée de formation"), reasons());
        assertEquals(List.of("calendrier « Agenda de l'association »", "calendrier « Agenda de l'association »"),
                browser.visible("#closures-list tbody td.origin").stream().map(WebElement::getText).toList());

        // The calendar changes at its source; "read now" follows it.
        served.set(calendar(15, "Séminaire des écoutants", 20, "Journée de formation", 30, "Fermeture d'été"));
        String before = lastRefreshed();
        browser.find(CARD + " button.refresh").click();
        Poll.until(PAGE, () -> {
            assertEquals("« Agenda de l'association » relu : 3 fermetures sur la ligne.",
                    browser.text("#subscriptions-message").orElseThrow());
            assertEquals(List.of("Séminaire des écoutants", "Journée de formation", "Fermeture d'été"), reasons());
        });
        assertEquals("3 fermetures", browser.text(CARD + " [data-fact='brought'] dd").orElseThrow());
        assertNotEquals(before, lastRefreshed());
        assertEquals(subscriptions().getString("[0].lastRefreshedAt"), lastRefreshed());
        browser.shot("hours-subscriptions");

        // Its server fails: the error is shown, the last good copy stays on the line.
        served.set(null);
        browser.find(CARD + " button.refresh").click();
        Poll.until(PAGE, () -> assertTrue(browser.text(CARD + " .last-error").orElseThrow().startsWith("Dernière erreur : "),
                browser.text(CARD).orElseThrow()));
        String error = subscriptions().getString("[0].lastError");
        assertTrue(error.contains("503"), error);
        assertEquals("Dernière erreur : " + error + " — la dernière copie lue reste en vigueur.",
                browser.text(CARD + " .last-error").orElseThrow());
        assertEquals(3, reasons().size());

        // Renamed: the address field left empty, so no address is sent and the stored one still reads.
        served.set(calendar(15, "Séminaire des écoutants", 20, "Journée de formation", 30, "Fermeture d'été"));
        browser.find(CARD + " button.edit").click();
        assertEquals("", browser.find(CARD + " form.subscription-edit [name='url']").getAttribute("value"));
        browser.type(CARD + " form.subscription-edit [name='label']", "Agenda partagé");
        browser.find(CARD + " form.subscription-edit button[type='submit']").click();
        Poll.until(PAGE, () -> assertEquals("Calendrier « Agenda partagé » modifié.",
                browser.text("#subscriptions-message").orElseThrow()));
        assertEquals("Agenda partagé", subscriptions().getString("[0].label"));
        browser.find(CARD + " button.refresh").click();
        Poll.until(PAGE, () -> assertEquals("« Agenda partagé » relu : 3 fermetures sur la ligne.",
                browser.text("#subscriptions-message").orElseThrow()));
        assertEquals(null, subscriptions().getString("[0].lastError"), "the address was kept, not replaced by its mask");
        assertEquals(List.of(), browser.scriptErrors());

        // A coordinator reads the same, with no control at all.
        signInAgain(COORDINATOR, PASSWORD);
        Poll.until(PAGE, () -> {
            assertEquals("3 fermetures", browser.text(CARD + " [data-fact='brought'] dd").orElseThrow());
            assertEquals(3, reasons().size());
        });
        assertEquals(subscriptions().getString("[0].url"), browser.text(CARD + " [data-fact='url'] dd").orElseThrow());
        assertEquals(List.of(), browser.visible("#subscriptions button, #subscriptions input, #subscriptions select, "
                + "#subscriptions textarea").stream().map(e -> e.getTagName() + " " + e.getText()).toList());

        // Unsubscribed: the calendar's closures leave the line.
        signInAgain(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.find(CARD + " button.remove").isDisplayed()));
        browser.find(CARD + " button.remove").click();
        Poll.until(PAGE, () -> assertTrue(browser.find("#confirm-dialog").isDisplayed()));
        assertEquals("Se désabonner de « Agenda partagé » ? Les 3 fermetures qu'il a apportées seront retirées de la ligne.",
                browser.text("#confirm-question").orElseThrow());
        browser.find("#confirm-yes").click();
        Poll.until(PAGE, () -> {
            assertEquals("Aucun calendrier abonné.", browser.text("#subscriptions-list").orElseThrow());
            assertEquals("Aucune fermeture prévue.", browser.text("#closures-list").orElseThrow());
        });
        assertEquals(0, subscriptions().getList("$").size());
        assertFalse(browser.find("#confirm-dialog").isDisplayed());
        assertEquals(List.of(), browser.scriptErrors());
    }

    /** Signs out and in again as someone else, on the same page. */
    private void signInAgain(String username, String password) {
        browser.find("#sign-out").click();
        Poll.until(PAGE, () -> assertTrue(browser.find("#username").isDisplayed()));
        browser.type("#username", username);
        browser.type("#password", password);
        browser.find("#sign-in").click();
    }

    private JsonPath subscriptions() {
        return asOperator().get("/api/lines/" + LINE + "/calendar-subscriptions").then().statusCode(200).extract().jsonPath();
    }

    private String lastRefreshed() {
        return browser.find(CARD + " [data-fact='last-refreshed'] time").getAttribute("datetime");
    }

    private List<String> reasons() {
        return browser.visible("#closures-list tbody td.reason").stream().map(WebElement::getText).toList();
    }
}
