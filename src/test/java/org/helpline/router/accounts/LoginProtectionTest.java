package org.helpline.router.accounts;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.OPERATOR;
import static org.helpline.router.support.TestAccounts.OPERATOR_PASSWORD;
import static org.helpline.router.support.TestAccounts.as;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.helpline.router.support.TestAccounts.from;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password guessing over HTTP, with the default thresholds (10 failures per account, 30 per address, in 15 min;
 * a 5 min lockout). Guessers connect from 127.0.0.3…127.0.0.5 (loopback on Linux), so that the lockouts they
 * cause do not touch the other tests, which run from 127.0.0.1.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LoginProtectionTest {

    @Test
    void tenWrongPasswordsLockTheAccountForNewAddressesButNotForItsOwnConsole() {
        createUser("locky", "locky-password-1");
        as("locky", "locky-password-1").get("/api/lines").then().statusCode(200); // the coordinator, from 127.0.0.1
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int i = 0; i < 10; i++) {
                from("127.0.0.3").auth().preemptive().basic("locky", "guess-" + i).get("/api/lines").then().statusCode(401);
            }
            Response locked = from("127.0.0.3").auth().preemptive().basic("locky", "locky-password-1").get("/api/lines");
            assertProblem(locked, 429);
            locked.then().body("type", endsWith("/login-locked")).header("Retry-After", startsWith("3"));
            assertProblem(from("127.0.0.4").auth().preemptive().basic("locky", "locky-password-1").get("/api/lines"), 429);
            as("locky", "locky-password-1").get("/api/lines").then().statusCode(200);

            List<String> lines = logs.containing("to account 'locky' refused");
            assertEquals(1, lines.size(), "one log line per lockout");
            assertTrue(lines.get(0).contains("127.0.0.3"), lines.get(0));
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("guess-") || l.contains("locky-password")),
                    "no password in the log");
        }
    }

    @Test
    void thirtyFailuresFromOneAddressLockItOutWhateverTheUsername() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int i = 0; i < 30; i++) {
                from("127.0.0.5").auth().preemptive().basic("nobody-" + i, "whatever-" + i).get("/api/lines")
                        .then().statusCode(401);
            }
            assertProblem(from("127.0.0.5").auth().preemptive().basic(OPERATOR, OPERATOR_PASSWORD).get("/api/lines"), 429);
            asOperator().get("/api/lines").then().statusCode(200);
            Poll.until(() -> !logs.containing("Logins from 127.0.0.5 refused").isEmpty(), Duration.ofSeconds(2),
                    "the lockout logged");
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("nobody-")), "unknown usernames are not logged");
        }
    }

    @Test
    void anUnknownUsernameIsAnsweredExactlyLikeAWrongPassword() {
        Response unknown = as("no-such-user", "some-password-1").get("/api/lines");
        Response wrong = as(OPERATOR, "not-the-password").get("/api/lines");
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.statusCode(), unknown.statusCode());
        assertEquals(wrong.header("WWW-Authenticate"), unknown.header("WWW-Authenticate"));
        assertEquals(wrong.asString(), unknown.asString());
    }

    @Test
    void passwordsAreMeasuredInBytesUpToBcryptsLimit() {
        String seventyTwoBytes = "é".repeat(36);
        createUser("bytewise", seventyTwoBytes);
        utf8("bytewise", seventyTwoBytes).get("/api/lines").then().statusCode(200);
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"bytewise2\",\"password\":\"" + "é".repeat(37) + "\",\"roles\":[\"coordinator\"]}")
                .post("/api/users"), 400, "password");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{\"password\":\"" + "a".repeat(73) + "\"}")
                .put("/api/users/bytewise/password"), 400, "password");
        // bcrypt would read only the first 72 bytes: a longer password that starts with the right one is refused.
        utf8("bytewise", seventyTwoBytes + "x").get("/api/lines").then().statusCode(401);
        utf8("bytewise", seventyTwoBytes).get("/api/lines").then().statusCode(200);
    }

    /** Basic credentials encoded in UTF-8 (RFC 7617's charset, and the service's), whatever the JVM's default. */
    private static io.restassured.specification.RequestSpecification utf8(String user, String password) {
        String token = java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return io.restassured.RestAssured.given().header("Authorization", "Basic " + token);
    }

    private static void createUser(String name, String password) {
        int status = asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"roles\":[\"coordinator\"]}")
                .post("/api/users").statusCode();
        assertTrue(status == 201 || status == 409, name + ": " + status);
        assertFalse(name.isBlank());
    }
}
