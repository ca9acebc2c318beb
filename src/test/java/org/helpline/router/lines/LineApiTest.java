package org.helpline.router.lines;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LineApiTest {

    static String line(String code, String number) {
        return """
                {"code":"%s","name":"Écoute %s","number":"%s","timeZone":"Europe/Paris","language":"fr",
                 "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"},{"label":"SAMU","number":"15"}],
                 "maxWaitSeconds":240,"queue":"q-%s"}""".formatted(code, code, number, code);
    }

    @Test
    void createReadListUpdateDelete() {
        asOperator().contentType(ContentType.JSON).body(line("crud", "+33800000101"))
                .post("/api/lines")
                .then().statusCode(201)
                .header("Location", endsWith("/api/lines/crud"))
                .body("code", equalTo("crud"))
                .body("timeZone", equalTo("Europe/Paris"))
                .body("crisisNumbers[0].number", equalTo("3114"))
                .body("maxWaitSeconds", equalTo(240))
                .body("queue", equalTo("q-crud"))
                .body("rules.maxWaitingCallers", equalTo(10))
                .body("rules.serviceLevelSeconds", equalTo(30));

        asOperator().get("/api/lines/crud").then().statusCode(200).body("name", equalTo("Écoute crud"));
        asOperator().get("/api/lines").then().statusCode(200).body("code", hasItem("crud"));

        asOperator().contentType(ContentType.JSON)
                .body("""
                        {"name":"Nuit","number":"+33800000102","timeZone":"America/Montreal","language":"en",
                         "crisisNumbers":[{"label":"988","number":"988"}],"crisisTransfer":true,
                         "rules":{"maxWaitingCallers":3,"wrapUpSeconds":60}}""")
                .put("/api/lines/crud")
                .then().statusCode(200)
                .body("name", equalTo("Nuit"))
                .body("number", equalTo("+33800000102"))
                .body("timeZone", equalTo("America/Montreal"))
                .body("language", equalTo("en"))
                .body("queue", equalTo("crud"))
                .body("crisisTransfer", equalTo(true))
                .body("rules.maxWaitingCallers", equalTo(3))
                .body("rules.wrapUpSeconds", equalTo(60))
                .body("maxWaitSeconds", equalTo(300));

        asOperator().delete("/api/lines/crud").then().statusCode(204);
        assertProblem(asOperator().get("/api/lines/crud"), 404);
        asOperator().get("/api/lines").then().body("code", not(hasItem("crud")));
    }

    @Test
    void everyBadFieldIsNamed() {
        assertProblem(asOperator().contentType(ContentType.JSON).body(line("Bad Code", "+33800000111"))
                .post("/api/lines"), 400, "code");
        assertProblem(asOperator().contentType(ContentType.JSON).body(line("badnum", "0800 00 01 12"))
                .post("/api/lines"), 400, "number");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("badzone", "+33800000113").replace("Europe/Paris", "Europe/Atlantis"))
                .post("/api/lines"), 400, "timeZone");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("badlang", "+33800000114").replace("\"fr\"", "\"de\""))
                .post("/api/lines"), 400, "language");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("badcrisis", "+33800000115").replace("\"3114\"", "\"31-14\""))
                .post("/api/lines"), 400, "crisisNumbers[0].number");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("badwait", "+33800000116").replace("240", "-5"))
                .post("/api/lines"), 400, "maxWaitSeconds");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("badqueue", "+33800000117").replace("q-badqueue", "q badqueue"))
                .post("/api/lines"), 400, "queue");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("badwait2", "+33800000118").replace("240", "\"soon\""))
                .post("/api/lines"), 400, "maxWaitSeconds");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{\"code\":")
                .post("/api/lines"), 400, "body");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{}").post("/api/lines"), 400, "name");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("badrule", "+33800000119").replace("\"maxWaitSeconds\"", "\"rules\":{\"maxWaitingCallers\":0},\"maxWaitSeconds\""))
                .post("/api/lines"), 400, "rules.maxWaitingCallers");
        // Nothing was created by any of them.
        asOperator().get("/api/lines").then().body("code", not(hasItem("badnum")));
    }

    @Test
    void allFieldErrorsComeTogether() {
        asOperator().contentType(ContentType.JSON)
                .body("{\"code\":\"x y\",\"number\":\"123\",\"timeZone\":\"Nowhere/Zone\"}")
                .post("/api/lines")
                .then().statusCode(400)
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("number"))
                .body("errors.field", hasItem("timeZone"));
    }

    @Test
    void duplicateCodeOrNumberIsAConflict() {
        asOperator().contentType(ContentType.JSON).body(line("dup", "+33800000121")).post("/api/lines")
                .then().statusCode(201);
        assertProblem(asOperator().contentType(ContentType.JSON).body(line("dup", "+33800000122"))
                .post("/api/lines"), 409, "code");
        assertProblem(asOperator().contentType(ContentType.JSON).body(line("dup2", "+33800000121"))
                .post("/api/lines"), 409, "number");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body(line("other", "+33800000123")).put("/api/lines/dup"), 400, "code");
    }

    @Test
    void unknownLineIs404OnEveryVerb() {
        assertProblem(asOperator().get("/api/lines/nope"), 404);
        assertProblem(asOperator().contentType(ContentType.JSON).body(line("nope", "+33800000131"))
                .put("/api/lines/nope"), 404);
        assertProblem(asOperator().delete("/api/lines/nope"), 404);
        assertProblem(asOperator().get("/api/lines/nope/status"), 404);
    }

    @Test
    void noCredentialsIs401AndCoordinatorCannotChangeConfiguration() {
        given().get("/api/lines").then().statusCode(401);
        given().auth().preemptive().basic("test-operator", "wrong-password").get("/api/lines").then().statusCode(401);

        asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"coord-lines\",\"password\":\"coordinator-pass-1\",\"roles\":[\"coordinator\"]}")
                .post("/api/users").then().statusCode(201);
        given().auth().preemptive().basic("coord-lines", "coordinator-pass-1").get("/api/lines").then().statusCode(200);
        given().auth().preemptive().basic("coord-lines", "coordinator-pass-1")
                .contentType(ContentType.JSON).body(line("bycoord", "+33800000141"))
                .post("/api/lines").then().statusCode(403);
    }

    @Test
    void changesAreAuditedWithActorAndValues() {
        asOperator().contentType(ContentType.JSON).body(line("audited", "+33800000151")).post("/api/lines")
                .then().statusCode(201);
        asOperator().delete("/api/lines/audited").then().statusCode(204);
        var entries = asOperator().queryParam("target", "line:audited").get("/api/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("line.delete", entries.getString("[0].action"));
        assertEquals("line.create", entries.getString("[1].action"));
        assertEquals("test-operator", entries.getString("[1].actor"));
        assertTrue(entries.getString("[1].details").contains("+33800000151"));
        assertProblem(asOperator().queryParam("limit", "0").get("/api/audit"), 400, "limit");
    }

    @Test
    void unknownPathAndWrongMediaTypeAreProblems() {
        assertProblem(asOperator().get("/api/nothing-here"), 404);
        assertProblem(asOperator().contentType("application/xml").body("<line/>").post("/api/lines"), 415);
        asOperator().contentType(ContentType.JSON).body("[1,2]").post("/api/lines")
                .then().statusCode(400).body("detail", containsString("body"));
    }
}
