package org.helpline.router.supervision;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.helpline.router.listeners.ListenerCommands;
import org.helpline.router.routing.QueueAvailability;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default test profile: AMI on a closed port. Live state is unknown, and shifts fail with their own 503. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SupervisionWithoutAmiTest {

    @Inject
    QueueAvailability availability;
    @Inject
    ListenerCommands featureCodes;

    @Test
    void liveStateIsUnknownAndReadinessReportsAmiDownWithoutFailing() {
        assertTrue(availability.load("nowhere").isEmpty());
        asOperator().get("/api/supervision").then().statusCode(200).body("liveStateKnown", equalTo(false));
        given().get("/api/supervision").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'AMI' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'AMI' }.data.connected", equalTo(false));
    }

    @Test
    void listenerCrudAndShiftsWhileAsteriskIsDown() {
        asOperator().contentType("application/json").body("""
                {"code":"sv-down","name":"Down","number":"+33800000350","crisisNumbers":[{"label":"3114","number":"3114"}]}""")
                .post("/api/lines");
        long id = asOperator().contentType("application/json")
                .body("{\"displayName\":\"Ecoutant D\",\"endpoint\":\"PJSIP/sv-down\",\"lines\":[\"sv-down\"]}")
                .post("/api/listeners").then().statusCode(201)
                .header("Location", endsWith("/api/listeners/" + asOperator().get("/api/listeners").jsonPath()
                        .getLong("find { it.endpoint == 'PJSIP/sv-down' }.id")))
                .extract().jsonPath().getLong("id");
        asOperator().contentType("application/json")
                .body("{\"displayName\":\"Other\",\"endpoint\":\"PJSIP/sv-down\",\"lines\":[\"sv-down\"]}")
                .post("/api/listeners").then().statusCode(409);
        asOperator().contentType("application/json")
                .body("{\"displayName\":\"\",\"endpoint\":\"sip:bad\",\"lines\":[\"no-such-line\"]}")
                .post("/api/listeners").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("displayName", "endpoint", "lines[0]"));
        asOperator().post("/api/listeners/" + id + "/login").then().statusCode(503)
                .contentType("application/problem+json").body("type", endsWith("asterisk-unavailable"));
        assertEquals(ListenerCommands.Result.UNAVAILABLE,
                featureCodes.onFeatureCode("PJSIP/sv-down", ListenerCommands.Command.LOGIN, null));
        asOperator().contentType("application/json")
                .body("{\"displayName\":\"Ecoutant D2\",\"endpoint\":\"PJSIP/sv-down\",\"lines\":[\"sv-down\"]}")
                .put("/api/listeners/" + id).then().statusCode(200).body("displayName", equalTo("Ecoutant D2"));
        asOperator().delete("/api/listeners/" + id).then().statusCode(204);
        asOperator().get("/api/listeners/" + id).then().statusCode(404);
    }
}
