package org.helpline.router.supervision;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.helpline.router.platform.InstanceDuty;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.OtherInstance;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.helpline.router.supervision.SupervisionAmiTest.member;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one Asterisk both read a listener's ring-out from AMI; only the one holding the duty
 * ({@link InstanceDuty}) pauses the listener. While another instance holds it, this one sends no pause; once the
 * other died and the duty came back, the next ring-out is paused.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class WellbeingDutyTest {

    @Inject
    InstanceDuty duty;

    FakeAmiServer ami;

    @BeforeEach
    void linked() throws Exception {
        ami = FakeAmiProfile.server();
        ami.listen();
        ami.answerPings(true);
        Poll.until(Duration.ofSeconds(10), () -> assertTrue(ami.clientCount() > 0, "service connected to the fake AMI"));
    }

    @Test
    void aRingOutIsPausedOnlyByTheInstanceHoldingTheDuty() throws Exception {
        String q = line("sv-duty", "+33800000316");
        ami.send(member("QueueMemberStatus", q, "PJSIP/duty-a", 1, false, ""));
        Poll.until(() -> assertEquals("AVAILABLE", state(q, "PJSIP/duty-a")));

        try (OtherInstance other = OtherInstance.takeDutyFrom(duty)) {
            ami.send(ringOut(q, "PJSIP/duty-a"));
            // Events are handled one after the other: once the next one shows, the ring-out's handling is over.
            ami.send(member("QueueMemberStatus", q, "PJSIP/duty-b", 1, false, ""));
            Poll.until(() -> assertEquals("AVAILABLE", state(q, "PJSIP/duty-b")));
        }

        assertTrue(duty.holds(), "the other instance died: the duty is back");
        ami.send(ringOut(q, "PJSIP/duty-b"));
        Poll.until(Duration.ofSeconds(10), () -> assertEquals(1, pauses(q, "PJSIP/duty-b").size(), "paused once"));
        // A pause for the first ring-out would have been due first (the same grace, on the same thread): none came.
        assertEquals(List.of(), pauses(q, "PJSIP/duty-a"), "no pause from the instance without the duty");
        assertEquals("no answer", pauses(q, "PJSIP/duty-b").get(0).get("Reason"));
    }

    private static String ringOut(String queue, String endpoint) {
        return "Event: AgentRingNoAnswer\nQueue: " + queue + "\nInterface: " + endpoint + "\nMemberName: " + endpoint
                + "\nRingTime: 15000";
    }

    private List<Map<String, String>> pauses(String queue, String endpoint) {
        return ami.actions("QueuePause").stream()
                .filter(a -> queue.equals(a.get("Queue")) && endpoint.equals(a.get("Interface"))
                        && "true".equals(a.get("Paused"))).toList();
    }

    private static String state(String line, String endpoint) {
        JsonPath all = asOperator().get("/api/supervision").then().statusCode(200).extract().jsonPath();
        return all.getString("lines.find { it.line == '" + line + "' }.listeners.find { it.endpoint == '"
                + endpoint + "' }.state");
    }

    private static String line(String code, String number) {
        asOperator().contentType("application/json").body("""
                {"code":"%s","name":"%s","number":"%s","crisisNumbers":[{"label":"3114","number":"3114"}]}"""
                .formatted(code, code, number)).post("/api/lines");
        Poll.until(() -> assertTrue(asOperator().get("/api/supervision").jsonPath().getList("lines.line").contains(code)));
        return code;
    }
}
