package org.helpline.router.support;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;

import java.net.InetAddress;
import java.net.UnknownHostException;

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

    /**
     * A request whose connection comes from another loopback address ({@code 127.0.0.2}…: on Linux all of 127/8
     * is the loopback interface), as a client on another host would, for the rules that depend on the source.
     */
    public static RequestSpecification from(String localAddress) {
        try {
            InetAddress local = InetAddress.getByName(localAddress);
            // Apache HttpClient 4 (under RestAssured) binds its sockets to this address.
            return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", local)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
