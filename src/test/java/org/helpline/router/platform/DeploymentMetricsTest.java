package org.helpline.router.platform;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.helpline.router.asterisk.agi.FastAgiServer;
import org.helpline.router.asterisk.ami.AmiLinkState;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;
import org.helpline.router.supervision.CallProgress;
import org.helpline.router.supervision.ListenerState;
import org.helpline.router.supervision.SupervisionMeters;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.helpline.router.platform.DeploymentFiles.read;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every series the provisioned Grafana dashboard and the Prometheus alert rules query exists on {@code /q/metrics},
 * under that exact name, once the service has done what each meter counts (a line, a routed call, a call that left
 * the queue and ended, a failed login); and the label values they filter on are the ones the code writes. A
 * renamed meter fails here instead of leaving an empty panel or an alert that can never fire.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class DeploymentMetricsTest {

    private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/helpline-router.json");
    private static final Path ALERTS = Path.of("docker/prometheus/alerts.yml");
    private static final Pattern SERIES = Pattern.compile("\\b((?:helpline|jvm)_[a-z0-9_]*[a-z0-9])\\b");
    private static final String LINE = "deploy-metrics";

    @Inject
    SupervisionMeters meters;
    @Inject
    LineDirectory lines;
    @Inject
    FastAgiServer agi;

    @Test
    void everySeriesTheDashboardAndTheAlertsQueryIsExported() throws Exception {
        if (asOperator().get("/api/lines/" + LINE).statusCode() != 200) {
            asOperator().contentType("application/json").body("""
                    {"code":"%s","name":"Deployment meters","number":"+33800999123","timeZone":"Europe/Paris","language":"fr",
                     "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"}]}""".formatted(LINE))
                    .post("/api/lines").then().statusCode(201);
        }
        // A call that waited, was answered and ended, as the AMI intake reports it.
        LineView line = lines.byCode(LINE).orElseThrow();
        Instant now = Instant.now();
        meters.record(new CallProgress("deploy-1", line.queue(), CallProgress.Stage.ANSWERED, now, "7", 12L, null), line);
        meters.record(new CallProgress("deploy-1", line.queue(), CallProgress.Stage.COMPLETED, now, "7", null, 300L), line);
        // A route decision over FastAGI, and a failed login.
        try (AgiTestClient client = new AgiTestClient(agi.port())) {
            client.converse(AgiTestClient.route("0800999123"));
        }
        given().auth().preemptive().basic("deploy-nobody", "not-the-password-1").get("/api/users/me").then().statusCode(401);

        Set<String> queried = new TreeSet<>();
        for (Path file : new Path[] {DASHBOARD, ALERTS}) {
            Matcher m = SERIES.matcher(read(file));
            while (m.find()) {
                queried.add(m.group(1));
            }
        }
        assertTrue(queried.size() >= 14, queried.toString());
        for (String watched : new String[] {"helpline_ami_connected", "helpline_ami_state", "helpline_ami_link_lost_total",
                "helpline_ami_login_refused_total", "helpline_ami_events_dropped_total", "helpline_agi_workers_busy"}) {
            assertTrue(queried.contains(watched), watched + " is watched by the dashboard or an alert");
        }
        Poll.until(Duration.ofSeconds(10), () -> {
            String metrics = given().get("/q/metrics").asString();
            Set<String> missing = new TreeSet<>();
            for (String series : queried) {
                if (!Pattern.compile("(?m)^" + series + "[{ ]").matcher(metrics).find()) {
                    missing.add(series);
                }
            }
            assertEquals(Set.of(), missing, "queried by the dashboard or the alerts, absent from /q/metrics");
            assertTrue(metrics.contains("helpline_queue_callers_waiting{line=\"" + LINE + "\"}"));
        });
    }

    @Test
    void theLabelValuesTheQueriesFilterOnAreTheOnesTheCodeWrites() {
        String queries = read(DASHBOARD) + read(ALERTS);
        for (String state : new String[] {"LOGGED_OUT", "AVAILABLE", "RINGING", "IN_CALL", "WRAP_UP"}) {
            assertTrue(queries.contains(state));
            ListenerState.valueOf(state);
        }
        for (CallProgress.Stage stage : new CallProgress.Stage[] {CallProgress.Stage.ANSWERED, CallProgress.Stage.ABANDONED,
                CallProgress.Stage.TIMED_OUT}) {
            assertTrue(queries.contains("outcome=\\\"" + stage.name().toLowerCase(Locale.ROOT) + "\\\""), stage.name());
        }
        // The route script's failsafe timer label and the login outcomes the alerts watch.
        assertTrue(read(Path.of("src/main/java/org/helpline/router/asterisk/agi/RouteScript.java"))
                .contains("static final String FAILSAFE = \"FAILSAFE\";"));
        String logins = read(Path.of("src/main/java/org/helpline/router/accounts/DatabaseIdentityProvider.java"));
        assertTrue(logins.contains("count(\"locked\")") && logins.contains("count(\"busy\")"));
        assertTrue(queries.contains("action=\"FAILSAFE\"") && queries.contains("outcome=\"locked\"") && queries.contains("outcome=\"busy\""));
        // The AMI link's state label the login alert and the dashboard filter on.
        assertTrue(read(ALERTS).contains("state=\"" + AmiLinkState.LOGIN_REFUSED.name() + "\""));
        assertTrue(read(DASHBOARD).contains("state!=\\\"" + AmiLinkState.DISABLED.name() + "\\\""));
    }
}
