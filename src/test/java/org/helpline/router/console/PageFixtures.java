package org.helpline.router.console;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import org.helpline.router.support.AmiTranscript;
import org.helpline.router.support.FakeAmiServer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the console's page tests set up through the API, and the page addresses. */
final class PageFixtures {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private PageFixtures() {
    }

    static String url(String page) {
        return "http://localhost:" + RestAssured.port + "/console/" + page;
    }

    /** A coordinator account with this password, created or reset and enabled, whatever earlier tests did. */
    static void coordinator(String username, String password) {
        if (asOperator().get("/api/users/" + username).statusCode() == 404) {
            asOperator().contentType(ContentType.JSON)
                    .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"coordinator\"]}")
                    .post("/api/users").then().statusCode(201);
        }
        asOperator().contentType(ContentType.JSON).body("{\"password\":\"" + password + "\"}")
                .put("/api/users/" + username + "/password").then().statusCode(204);
        asOperator().contentType(ContentType.JSON).body("{\"roles\":[\"coordinator\"]}")
                .put("/api/users/" + username + "/roles").then().statusCode(200);
        asOperator().contentType(ContentType.JSON).body("{\"enabled\":true}")
                .put("/api/users/" + username + "/enabled").then().statusCode(200);
    }

    /** A line created through the API (the page tests that create lines through the page do not use this). */
    static void line(String code, String number) {
        if (asOperator().get("/api/lines/" + code).statusCode() == 200) {
            return;
        }
        asOperator().contentType(ContentType.JSON).body("""
                {"code":"%s","name":"Ligne %s","number":"%s","crisisNumbers":[{"label":"3114","number":"3114"}]}"""
                .formatted(code, code, number)).post("/api/lines").then().statusCode(201);
        assertTrue(asOperator().get("/api/lines/" + code).statusCode() == 200);
    }

    /** The first event of that name in a real capture, moved onto this queue and listener. */
    static String captured(String capture, String event, String queue, String endpoint) {
        return AmiTranscript.onQueue(AmiTranscript.load(capture).events(), queue).stream()
                .filter(b -> b.startsWith("Event: " + event + "\n"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + event + " in " + capture))
                .replace("PJSIP/listener1", endpoint);
    }

    /** The last AMI action of that name for this listener's phone. */
    static Map<String, String> lastAction(FakeAmiServer ami, String action, String endpoint) {
        List<Map<String, String>> all = ami.actions(action).stream().filter(a -> endpoint.equals(a.get("Interface"))).toList();
        assertFalse(all.isEmpty(), "no " + action + " for " + endpoint);
        return all.get(all.size() - 1);
    }

    /** Next Christmas Day in Paris (this year's until it has passed). */
    static LocalDate nextChristmas() {
        LocalDate today = LocalDate.now(PARIS);
        LocalDate christmas = LocalDate.of(today.getYear(), 12, 25);
        return today.isAfter(christmas) ? christmas.plusYears(1) : christmas;
    }
}
