package org.helpline.router.asterisk.ami;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AMI link as Prometheus scrapes it from {@code /q/metrics} (the test calls from loopback, an address
 * {@code helpline.operations.allowed-sources} lets read it): the real client against the fake Asterisk manager
 * over TCP, which goes away and comes back. The gauge follows the link 1 → 0 → 1 and the counters count the loss
 * and the resync, so an alert on them fires for a real outage and clears when Asterisk is back.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AmiMetricsTest {

    @AfterEach
    void asteriskBack() throws Exception {
        FakeAmiProfile.server().listen();
    }

    @Test
    void connectedGoesToZeroWhenAsteriskGoesAwayAndBackToOneAfterTheResync() throws Exception {
        FakeAmiServer ami = FakeAmiProfile.server();
        ami.listen();
        Poll.until(Duration.ofSeconds(10), () -> {
            String m = metrics();
            assertEquals(1.0, value(m, "helpline_ami_connected"), "logged in to the fake");
            assertEquals(1.0, value(m, "helpline_ami_state{state=\"CONNECTED\"}"));
            assertEquals(0.0, value(m, "helpline_ami_state{state=\"DOWN\"}"));
        });
        String before = metrics();
        double resyncs = value(before, "helpline_ami_resyncs_total");
        double lost = value(before, "helpline_ami_link_lost_total");
        assertTrue(resyncs >= 1, "the first connection is a resync");

        ami.stop();
        Poll.until(Duration.ofSeconds(10), () -> {
            String m = metrics();
            assertEquals(0.0, value(m, "helpline_ami_connected"));
            assertEquals(1.0, value(m, "helpline_ami_state{state=\"DOWN\"}"));
            assertEquals(0.0, value(m, "helpline_ami_state{state=\"CONNECTED\"}"));
            assertEquals(lost + 1, value(m, "helpline_ami_link_lost_total"), "one loss, however many retries");
        });
        // The service keeps retrying against the closed port; none of those attempts is a loss or a resync.
        assertEquals(resyncs, value(metrics(), "helpline_ami_resyncs_total"));

        ami.listen();
        Poll.until(Duration.ofSeconds(10), () -> {
            String m = metrics();
            assertEquals(1.0, value(m, "helpline_ami_connected"));
            assertEquals(resyncs + 1, value(m, "helpline_ami_resyncs_total"));
        });
        String after = metrics();
        assertEquals(lost + 1, value(after, "helpline_ami_link_lost_total"));
        assertEquals(0.0, value(after, "helpline_ami_login_refused_total"));
        assertEquals(0.0, value(after, "helpline_ami_events_dropped_total"));
        assertTrue(value(after, "helpline_ami_event_queue_size") >= 0);
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series (name with its labels as Prometheus writes them); fails when it is absent. */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(m.find(), series + " absent from /q/metrics");
        return Double.parseDouble(m.group(1));
    }
}
