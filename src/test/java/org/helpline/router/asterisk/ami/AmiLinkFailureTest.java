package org.helpline.router.asterisk.ami;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.helpline.router.routing.QueueAvailability;
import org.helpline.router.supervision.LiveQueues;
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
 * Failures of the AMI link that must be known at once. A wrong AMI secret: Asterisk answers the login with an
 * error; the service must not hammer it (every attempt is a failed login in Asterisk's security log), must say
 * so once as an ERROR, and must show it in readiness. An event-queue overflow: routing must stop trusting live
 * state at the moment events are dropped, not once the queue ahead of the loss has drained.
 */
@QuarkusTest
@TestProfile(AmiLinkFailureTest.Profile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AmiLinkFailureTest {

    @Inject
    QueueAvailability availability;
    @Inject
    LiveQueues live;
    @Inject
    MeterRegistry registry;

    private static final String PORT = "refused-ami.test.port";

    /**
     * AMI on its own fake; network failures retry within 200 ms, refused logins after 1 s, 2 s, 4 s; a small
     * event queue so an overflow is easy to cause.
     */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "helpline.ami.port", String.valueOf(port()),
                    "helpline.ami.password", "wrong-secret",
                    "helpline.ami.reconnect-initial-delay", "100ms",
                    "helpline.ami.reconnect-max-delay", "200ms",
                    "helpline.ami.login-failure-delay", "1s",
                    "helpline.ami.login-failure-max-delay", "4s",
                    "helpline.ami.event-queue-capacity", "4");
        }
    }

    private static FakeAmiServer ami;

    /**
     * One fake for the class, never closed between tests: while nothing listens, the service's reconnects every
     * 200 ms to a port of the ephemeral range could even connect to themselves and hold it.
     */
    static synchronized FakeAmiServer ami() throws java.io.IOException {
        if (ami == null) {
            ami = FakeAmiServer.startOn(port());
        }
        return ami;
    }

    @org.junit.jupiter.api.AfterAll
    static synchronized void closeFake() {
        if (ami != null) {
            ami.close();
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
        FakeAmiServer ami = ami();
        int earlierLogins = ami.actions("Login").size();
        double refusedBefore = count("helpline.ami.login.refused");
        try (CapturedLogs logs = CapturedLogs.start()) {
            ami.refuseLogins(true);
            ami.dropClients(); // a link made by an earlier test logs in again, and is refused
            Poll.until(Duration.ofSeconds(10), () -> assertEquals("login refused", amiCheck().getString("data.state")));
            // Network failures would retry every 200 ms (25 times in 5 s); refusals wait 1 s, 2 s, 4 s, 4 s.
            Poll.until(Duration.ofSeconds(10), () -> assertTrue(ami.actions("Login").size() >= earlierLogins + 3, "retries"));
            long start = System.nanoTime();
            int before = ami.actions("Login").size();
            Thread.sleep(4500); // one capped back-off: at most one more attempt, not 20
            assertTrue(ami.actions("Login").size() - before <= 2,
                    (ami.actions("Login").size() - before) + " logins in " + (System.nanoTime() - start) / 1_000_000 + " ms");

            assertEquals(1, logs.containing("refused for user 'helpline'").size(), "one ERROR per change of state");
            assertTrue(logs.containing("refused for user 'helpline'").get(0).contains("helpline.ami.password"));
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("wrong-secret")), "the secret is never logged");
            assertEquals(200, given().get("/q/health/ready").statusCode(), "calls still route: a detail, not DOWN");
            // What readiness says as a detail, a metric says to an alert: every refusal counted, not one per change.
            assertTrue(count("helpline.ami.login.refused") - refusedBefore >= 3, "refusals counted");
            assertEquals(0.0, registry.get("helpline.ami.connected").gauge().value());
            assertEquals(1.0, registry.get("helpline.ami.state").tag("state", "LOGIN_REFUSED").gauge().value());
            // Set while the link waits for its next attempt (not during the attempt itself).
            Poll.until(Duration.ofSeconds(5), () -> assertTrue(amiCheck().getString("data.retryAt") != null));

            ami.refuseLogins(false);
            Poll.until(Duration.ofSeconds(10), () -> assertEquals("connected", amiCheck().getString("data.state")));
            assertEquals(1, logs.containing("AMI connected to").size());
            assertEquals(1.0, registry.get("helpline.ami.connected").gauge().value());
            assertEquals(0.0, registry.get("helpline.ami.state").tag("state", "LOGIN_REFUSED").gauge().value());
        }
    }

    @Test
    void overflowMakesLiveStateUnknownAtOnceWhileTheQueuedEventsStillWait() throws Exception {
        FakeAmiServer ami = ami();
        Poll.until(Duration.ofSeconds(10), () -> assertTrue(availability.load("overflow").isPresent(), "resynced"));
        double overflows = count("helpline.ami.event.queue.overflows");
        double dropped = count("helpline.ami.events.dropped");
        // Holding the live model's monitor stalls the one event worker on its first event, as a slow
        // consumer would: what follows fills the queue, and the next event overflows it.
        Object model = ClientProxy.unwrap(live);
        synchronized (model) {
            for (int i = 1; i <= 20; i++) {
                ami.send("Event: QueueCallerJoin\nChannel: PJSIP/trunk-" + i + "\nUniqueid: 1700000100." + i
                        + "\nLinkedid: 1700000100." + i + "\nQueue: overflow\nPosition: " + i + "\nCount: " + i);
            }
            // The worker has applied nothing yet; routing must already treat live state as unknown.
            Poll.until(Duration.ofSeconds(5), () -> assertTrue(availability.load("overflow").isEmpty(),
                    "unknown at once, ahead of the queued events"));
            // The queue (capacity 4) overflowed while the worker was stalled; it holds 4 events, or 3 when the
            // worker took its first event only after the overflow (it then waits on the monitor with it).
            assertTrue(count("helpline.ami.event.queue.overflows") > overflows, "the queue overflowed");
            double size = registry.get("helpline.ami.event.queue.size").gauge().value();
            assertTrue(size == 4.0 || size == 3.0, "the queued events still wait: " + size);
        }
        Poll.until(Duration.ofSeconds(10), () -> assertTrue(availability.load("overflow").isPresent(),
                "known again after a resync taken after the loss"));
        assertEquals(0, availability.load("overflow").orElseThrow().callersWaiting(), "the resync replaced the stale callers");
        assertTrue(count("helpline.ami.event.queue.overflows") > overflows, "the overflow is counted");
        assertTrue(count("helpline.ami.events.dropped") > dropped, "the events it dropped are counted");
    }

    private double count(String counter) {
        return registry.get(counter).counter().count();
    }

    private static JsonPath amiCheck() {
        return new JsonPath(given().get("/q/health/ready").asString()).setRootPath("checks.find { it.name == 'AMI' }");
    }
}
