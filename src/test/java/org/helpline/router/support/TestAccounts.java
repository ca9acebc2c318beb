package org.helpline.router.support;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The accounts every API test uses; the operator is created by HELPLINE_BOOTSTRAP_OPERATOR in the test profile. */
public final class TestAccounts {

    public static final String OPERATOR = "test-operator";
    public static final String OPERATOR_PASSWORD = "test-operator-password";

    private TestAccounts() {
    }

    public static RequestSpecification asOperator() {
        return given().auth().preemptive().basic(OPERATOR, OPERATOR_PASSWORD);
    }

    public static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }
}
