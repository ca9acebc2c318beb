package org.helpline.router.asterisk.ami;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wrong AMI secret: Asterisk answers the login with an error. The service must not hammer it (every attempt
 * is a failed login in Asterisk's security log), must say so once as an ERROR, and must show it in readiness.
 */
@QuarkusTest
@TestProfile(AmiLoginRefusedTest.Profile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AmiLoginRefusedTest {

    private static final String PORT = "refused-ami.test.port";

    /** AMI on its own fake; network failures retry within 200 ms, refused logins after 1 s, 2 s, 4 s. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "helpline.ami.port", String.valueOf(port()),
                    "helpline.ami.password", "wrong-secret",
                    "helpline.ami.reconnect-initial-delay", "100ms",
                    "helpline.ami.reconnect-max-delay", "200ms",
                    "helpline.ami.login-failure-delay", "1s",
                    "helpline.ami.login-failure-max-delay", "4s");
        }
    }

    static int port() {
        synchronized (System.getProperties()) {
            return Integer.parseInt(System.getProperties()
                    .computeIfAbsent(PORT, k -> String.valueOf(FakeAmiServer.freePort())).toString());
        }
    }

    @Test
    void refusedLoginBacksOffIsLoggedOnceAsAnErrorAndShowsInReadinessThenRecovers() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start(); FakeAmiServer ami = FakeAmiServer.startOn(port())) {
            ami.refuseLogins(true);
            Poll.until(Duration.ofSeconds(10), () -> assertEquals("login refused", amiCheck().getString("data.state")));
            // Network failures would retry every 200 ms (25 times in 5 s); refusals wait 1 s, 2 s, 4 s, 4 s.
            Poll.until(Duration.ofSeconds(10), () -> assertTrue(ami.actions("Login").size() >= 3, "retries"));
            long start = System.nanoTime();
            int before = ami.actions("Login").size();
            Thread.sleep(4500); // one capped back-off: at most one more attempt, not 20
            assertTrue(ami.actions("Login").size() - before <= 2,
                    (ami.actions("Login").size() - before) + " logins in " + (System.nanoTime() - start) / 1_000_000 + " ms");

            assertEquals(1, logs.containing("refused for user 'helpline'").size(), "one ERROR per change of state");
            assertTrue(logs.containing("refused for user 'helpline'").get(0).contains("helpline.ami.password"));
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("wrong-secret")), "the secret is never logged");
            assertEquals(200, given().get("/q/health/ready").statusCode(), "calls still route: a detail, not DOWN");
            // Set while the link waits for its next attempt (not during the attempt itself).
            Poll.until(Duration.ofSeconds(5), () -> assertTrue(amiCheck().getString("data.retryAt") != null));

            ami.refuseLogins(false);
            Poll.until(Duration.ofSeconds(10), () -> assertEquals("connected", amiCheck().getString("data.state")));
            assertEquals(1, logs.containing("AMI connected to").size());
        }
    }

    private static JsonPath amiCheck() {
        return new JsonPath(given().get("/q/health/ready").asString()).setRootPath("checks.find { it.name == 'AMI' }");
    }
}
