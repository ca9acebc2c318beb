package org.helpline.router.platform;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.helpline.router.support.TestAccounts.from;

/**
 * The service configured exactly as the Compose file configures it behind its reverse proxy (both on the host's
 * loopback): a request the proxy forwards is the client's, not loopback's, so it reads no metrics and no health
 * details without an operator account; Prometheus, on loopback and sending no forwarded header, reads metrics; and
 * a forwarded header from any address but the proxy's is not believed.
 */
@QuarkusTest
@TestProfile(DeploymentProxyTest.ComposeProxySettings.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class DeploymentProxyTest {

    /** The proxy and operations settings of docker-compose.yml's helpline-router service, as configuration. */
    public static class ComposeProxySettings implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> keys = Map.of(
                    "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "quarkus.http.proxy.proxy-address-forwarding",
                    "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "quarkus.http.proxy.allow-x-forwarded",
                    "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "quarkus.http.proxy.trusted-proxies",
                    "HELPLINE_OPERATIONS_ALLOWED_SOURCES", "helpline.operations.allowed-sources");
            try {
                Map<String, String> compose = DeploymentFiles.environment("helpline-router");
                Map<String, String> config = new LinkedHashMap<>();
                keys.forEach((env, key) -> config.put(key, Objects.requireNonNull(compose.get(env), env)));
                return config;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String CLIENT = "198.51.100.7";

    @Test
    void prometheusOnLoopbackReadsMetricsWithoutCredentials() {
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aClientThroughTheProxyIsNotLoopbackAndReadsNoMetricsNorHealthDetails() {
        given().header("X-Forwarded-For", CLIENT).get("/q/metrics").then().statusCode(401);
        given().header("X-Forwarded-For", CLIENT).get("/q/openapi").then().statusCode(401);
        given().header("X-Forwarded-For", CLIENT).get("/q/health/ready").then().statusCode(200)
                .contentType(ContentType.JSON).body("status", equalTo("UP")).body("checks", nullValue());
        given().header("X-Forwarded-For", CLIENT + ", 127.0.0.1").get("/q/metrics").then().statusCode(401);
    }

    @Test
    void theFirstForwardedAddressCountsSoTheProxyMustReplaceTheHeaderNotAppendToIt() {
        // What a proxy that appends (nginx's $proxy_add_x_forwarded_for) would send for a client that wrote
        // "X-Forwarded-For: 127.0.0.1" itself: it would pass for Prometheus. Hence $remote_addr in
        // deploy/nginx/helpline-router.conf, and Caddy, which ignores a client's header by default.
        given().header("X-Forwarded-For", "127.0.0.1, " + CLIENT).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aForwardedHeaderFromAnotherAddressThanTheProxyIsNotBelieved() {
        from("127.0.0.2").header("X-Forwarded-For", "127.0.0.1").get("/q/metrics").then().statusCode(401);
        from("127.0.0.2").get("/q/health/ready").then().statusCode(200).body("checks", nullValue());
    }
}
