package org.helpline.router.lines;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.helpline.router.support.TestAccounts.asOperator;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LineApiTest {

    @Test
    void createAndReadALine() {
        asOperator().contentType("application/json")
                .body("""
                        {"code":"smoke","name":"Smoke","number":"+33800000001",
                         "crisisNumbers":[{"label":"3114","number":"3114"}]}""")
                .post("/api/lines")
                .then().statusCode(201)
                .header("Location", endsWith("/api/lines/smoke"))
                .body("timeZone", equalTo("Europe/Paris"))
                .body("queue", equalTo("smoke"));
        given().get("/api/lines/smoke").then().statusCode(401);
    }
}
