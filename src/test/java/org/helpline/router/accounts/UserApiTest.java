package org.helpline.router.accounts;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.as;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class UserApiTest {

    static void createUser(String name, String password, String roles) {
        asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"roles\":" + roles + "}")
                .post("/api/users")
                .then().statusCode(201).header("Location", endsWith("/api/users/" + name));
    }

    @Test
    void operatorManagesAccountsThroughTheirLife() {
        createUser("claire", "claire-password-1", "[\"coordinator\"]");
        asOperator().get("/api/users").then().statusCode(200).body("username", hasItem("claire"));
        asOperator().get("/api/users/claire").then().statusCode(200)
                .body("roles", containsInAnyOrder("coordinator")).body("enabled", equalTo(true))
                .body("password", nullValue()).body("passwordHash", nullValue());

        // A coordinator reads lines but may not manage accounts.
        as("claire", "claire-password-1").get("/api/lines").then().statusCode(200);
        as("claire", "claire-password-1").get("/api/users").then().statusCode(403);
        as("claire", "claire-password-1").get("/api/audit").then().statusCode(403);

        asOperator().contentType(ContentType.JSON).body("{\"roles\":[\"coordinator\",\"operator\"]}")
                .put("/api/users/claire/roles").then().statusCode(200)
                .body("roles", containsInAnyOrder("coordinator", "operator"));
        as("claire", "claire-password-1").get("/api/users").then().statusCode(200);

        asOperator().contentType(ContentType.JSON).body("{\"password\":\"a-brand-new-secret\"}")
                .put("/api/users/claire/password").then().statusCode(204);
        as("claire", "claire-password-1").get("/api/lines").then().statusCode(401);
        as("claire", "a-brand-new-secret").get("/api/lines").then().statusCode(200);

        asOperator().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put("/api/users/claire/enabled").then().statusCode(200).body("enabled", equalTo(false));
        as("claire", "a-brand-new-secret").get("/api/lines").then().statusCode(401);
        asOperator().contentType(ContentType.JSON).body("{\"enabled\":true}")
                .put("/api/users/claire/enabled").then().statusCode(200);
        as("claire", "a-brand-new-secret").get("/api/lines").then().statusCode(200);

        String audit = asOperator().queryParam("target", "user:claire").get("/api/audit").then().statusCode(200)
                .body("action", hasItem("user.create")).body("action", hasItem("user.password-reset"))
                .extract().asString();
        assertFalse(audit.contains("claire-password-1") || audit.contains("a-brand-new-secret") || audit.contains("$2a$"),
                "the audit trail never holds a password or its hash");
    }

    @Test
    void badAccountInputIsNamed() {
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"x\",\"password\":\"long-enough-pass\",\"roles\":[\"coordinator\"]}")
                .post("/api/users"), 400, "username");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"shorty\",\"password\":\"short\",\"roles\":[\"coordinator\"]}")
                .post("/api/users"), 400, "password");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"rolless\",\"password\":\"long-enough-pass\",\"roles\":[]}")
                .post("/api/users"), 400, "roles");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"wizard\",\"password\":\"long-enough-pass\",\"roles\":[\"admin\"]}")
                .post("/api/users"), 400, "roles[0]");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{\"enabled\":null}")
                .put("/api/users/test-operator/enabled"), 400, "enabled");
        assertProblem(asOperator().get("/api/users/nobody"), 404);
        asOperator().get("/api/users").then().body("username", not(hasItem("wizard")));
    }

    @Test
    void everyoneReadsTheirOwnAccountAndChangesTheirOwnPassword() {
        createUser("noemie", "noemie-password-1", "[\"coordinator\"]");
        as("noemie", "noemie-password-1").get("/api/users/me").then().statusCode(200)
                .body("username", equalTo("noemie")).body("roles", containsInAnyOrder("coordinator"));
        asOperator().get("/api/users/me").then().statusCode(200)
                .body("username", equalTo("test-operator")).body("roles", hasItem("operator"));

        assertProblem(as("noemie", "noemie-password-1").contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"not-my-password\",\"password\":\"noemie-password-2\"}")
                .put("/api/users/me/password"), 400, "currentPassword");
        assertProblem(as("noemie", "noemie-password-1").contentType(ContentType.JSON)
                .body("{\"password\":\"noemie-password-2\"}")
                .put("/api/users/me/password"), 400, "currentPassword");
        assertProblem(as("noemie", "noemie-password-1").contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"noemie-password-1\",\"password\":\"short\"}")
                .put("/api/users/me/password"), 400, "password");
        assertProblem(as("noemie", "noemie-password-1").contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"noemie-password-1\",\"password\":\"noemie-password-1\"}")
                .put("/api/users/me/password"), 400, "password");
        as("noemie", "noemie-password-1").get("/api/lines").then().statusCode(200);

        as("noemie", "noemie-password-1").contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"noemie-password-1\",\"password\":\"noemie-password-2\"}")
                .put("/api/users/me/password").then().statusCode(204);
        as("noemie", "noemie-password-1").get("/api/lines").then().statusCode(401);
        as("noemie", "noemie-password-2").get("/api/lines").then().statusCode(200);

        String audit = asOperator().queryParam("target", "user:noemie").get("/api/audit").then().statusCode(200)
                .body("[0].action", equalTo("user.password-change")).body("[0].actor", equalTo("noemie"))
                .extract().asString();
        assertFalse(audit.contains("noemie-password-2"), "the audit trail never holds a password");
        // A coordinator still may not reset anyone else's password, and learns why.
        as("noemie", "noemie-password-2").contentType(ContentType.JSON).body("{\"password\":\"taken-over-password\"}")
                .put("/api/users/test-operator/password").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Your account's role does not allow this action; it needs the role operator"));
    }

    @Test
    void meIsNoAccountName() {
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"Me\",\"password\":\"long-enough-pass\",\"roles\":[\"coordinator\"]}")
                .post("/api/users"), 400, "username");
    }

    @Test
    void duplicateUsernameIsAConflict() {
        createUser("dupuser", "dupuser-password", "[\"coordinator\"]");
        assertProblem(asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"dupuser\",\"password\":\"another-password\",\"roles\":[\"operator\"]}")
                .post("/api/users"), 409, "username");
    }

    @Test
    void theLastOperatorCannotBeDisabledOrDemoted() {
        // Only the bootstrap operator is sure to hold the role when this runs alone; whatever the order of
        // tests, disabling every other operator first makes it the last one.
        asOperator().get("/api/users").then().statusCode(200);
        createUser("temp-op", "temp-op-password", "[\"operator\"]");
        asOperator().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put("/api/users/temp-op/enabled").then().statusCode(200);
        for (String other : asOperator().get("/api/users").then().extract().jsonPath()
                .<String>getList("findAll { it.roles.contains('operator') && it.enabled }.username")) {
            if (!other.equals("test-operator")) {
                asOperator().contentType(ContentType.JSON).body("{\"enabled\":false}")
                        .put("/api/users/" + other + "/enabled").then().statusCode(200);
            }
        }
        assertProblem(asOperator().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put("/api/users/test-operator/enabled"), 409, "enabled");
        assertProblem(asOperator().contentType(ContentType.JSON).body("{\"roles\":[\"coordinator\"]}")
                .put("/api/users/test-operator/roles"), 409, "roles");
        asOperator().get("/api/lines").then().statusCode(200);
    }
}
