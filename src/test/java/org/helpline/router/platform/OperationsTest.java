package org.helpline.router.platform;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.helpline.router.support.TestAccounts.OPERATOR;
import static org.helpline.router.support.TestAccounts.OPERATOR_PASSWORD;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.helpline.router.support.TestAccounts.from;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations endpoints: open from the allowed addresses (the default, loopback 127.0.0.1, is where these
 * tests run), needing an operator account from anywhere else (127.0.0.2 plays another host); the health status
 * open to all, its details not. And the console's headers.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class OperationsTest {

    static final String ELSEWHERE = "127.0.0.2";

    @Test
    void healthIsOpenAndChecksTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("FastAGI"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/lines/{code}/status"))
                .body(containsString("/api/users"));
    }

    @Test
    void fromElsewhereMetricsAndOpenApiNeedAnOperator() {
        for (String path : new String[] {"/q/metrics", "/q/openapi"}) {
            from(ELSEWHERE).get(path).then().statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic realm"));
            from(ELSEWHERE).auth().preemptive().basic(OPERATOR, OPERATOR_PASSWORD).get(path).then().statusCode(200);
        }
        asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"ops-coordinator\",\"password\":\"ops-coordinator-pw\",\"roles\":[\"coordinator\"]}")
                .post("/api/users");
        from(ELSEWHERE).auth().preemptive().basic("ops-coordinator", "ops-coordinator-pw").get("/q/metrics")
                .then().statusCode(403);
    }

    @Test
    void fromElsewhereHealthSaysOnlyUpOrDown() {
        for (String path : new String[] {"/q/health", "/q/health/live", "/q/health/ready", "/q/health/ready/"}) {
            Response r = from(ELSEWHERE).get(path);
            r.then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("UP"))
                    .body("checks", nullValue());
            assertFalse(r.asString().contains("127.0.0.1"), "no address of AMI or FastAGI: " + r.asString());
        }
        from(ELSEWHERE).auth().preemptive().basic(OPERATOR, OPERATOR_PASSWORD).get("/q/health/ready").then()
                .statusCode(200).body("checks.name", hasItem("AMI")).body(containsString("address"));
    }

    @Test
    void everyConsoleFileCarriesTheSecurityHeadersAndIsRevalidated() {
        for (String path : new String[] {"/console/", "/console/console.js", "/console/console.css",
                "/console/favicon.svg", "/console/no-such-page.html"}) {
            Response r = given().redirects().follow(false).get(path);
            String csp = r.header("Content-Security-Policy");
            assertNotNull(csp, path);
            for (String directive : new String[] {"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                    "object-src 'none'"}) {
                assertTrue(csp.contains(directive), path + " lacks " + directive + ": " + csp);
            }
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("no-referrer", r.header("Referrer-Policy"), path);
            assertEquals("no-cache", r.header("Cache-Control"), path);
        }
        Response page = given().get("/console/console.js");
        page.then().statusCode(200).header("Cache-Control", not(containsString("immutable")));
        String lastModified = page.header("Last-Modified");
        assertNotNull(lastModified, "a validator to revalidate against");
        given().header("If-Modified-Since", lastModified).get("/console/console.js").then().statusCode(304);
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("X-Frame-Options", equalTo("DENY"));
    }
}
