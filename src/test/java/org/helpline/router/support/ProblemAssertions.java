package org.helpline.router.support;

import io.restassured.response.Response;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Assertions on application/problem+json error responses. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** The response is a problem with this status, naming this field among the fields at fault. */
    public static void assertProblem(Response response, int status, String field) {
        response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", startsWith("https://helpline-router.org/problems/"))
                .body("errors.field", hasItem(field));
    }

    /** The response is a problem with this status and error id. */
    public static void assertProblem(Response response, int status) {
        response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status));
    }
}
