package org.helpline.router.asterisk.agi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.helpline.router.support.Poll;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.helpline.router.support.TestAccounts.OPERATOR;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing never waits for HTTP: with bcrypt at its production cost, 300 concurrent logins for 10 s — wrong
 * passwords for a real username, unknown usernames, a coordinator's good ones — and the coordinator's live
 * streams open, every FastAGI session still gets its decision within the 300 ms deadline (a missed one sets no
 * variable at all), the coordinator's own requests and the readiness check still answer, and the service is
 * idle again once the load stops.
 */
@QuarkusTest
@TestProfile(HttpLoadProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class RoutingUnderHttpLoadTest {

    static final String COORDINATOR = "steady-coordinator";
    static final String PASSWORD = "steady-password-1";
    static final int CONCURRENT = 300;
    static final Duration LOAD = Duration.ofSeconds(10);

    @Inject
    FastAgiServer server;
    @Inject
    MeterRegistry registry;

    /** The attackers' client, and the coordinator's own (a browser elsewhere shares no connection with them). */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient coordinator = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile java.net.http.HttpHeaders busyAnswer;

    @BeforeEach
    void setUp() {
        QuarkusMock.installMockForType(Clock.fixed(AgiTestLines.WEDNESDAY_MORNING, ZoneOffset.UTC), Clock.class);
        AgiTestLines.ensureCreated();
        asOperator().contentType("application/json")
                .body("{\"username\":\"" + COORDINATOR + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"coordinator\"]}")
                .post("/api/users");
    }

    @Test
    void everyCallIsDecidedWhileHttpIsFlooded() throws Exception {
        assertEquals(200, get("/api/lines", COORDINATOR, PASSWORD).statusCode(), "the coordinator signed in before");
        List<HttpResponse<?>> streams = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>>> opening = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            opening.add(coordinator.sendAsync(request("/api/supervision/stream", COORDINATOR, PASSWORD)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines()));
        }

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long end = System.nanoTime() + LOAD.toNanos();
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<?> flood = load.submit(() -> flood(end, statuses));

        List<Long> decisionMillis = Collections.synchronizedList(new ArrayList<>());
        List<String> missed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService calls = Executors.newFixedThreadPool(2);
        List<Future<?>> callers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            callers.add(calls.submit(() -> {
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    try (AgiTestClient client = new AgiTestClient(server.port())) {
                        client.converse(AgiTestClient.route("0800123456"));
                        String action = client.variables().get("HELPLINE_ACTION");
                        if (!"QUEUE".equals(action)) {
                            missed.add(String.valueOf(action));
                        }
                    } catch (IOException e) {
                        missed.add(e.toString());
                    }
                    decisionMillis.add((System.nanoTime() - started) / 1_000_000);
                    pause(50);
                }
                return null;
            }));
        }
        int coordinatorRequests = 0;
        List<String> coordinatorFailures = new ArrayList<>();
        while (System.nanoTime() < end) {
            for (String path : new String[] {"/api/supervision", "/q/health/ready"}) {
                try {
                    int status = get(path, path.startsWith("/api") ? COORDINATOR : null, PASSWORD).statusCode();
                    if (status != 200) {
                        coordinatorFailures.add(path + ": " + status);
                    }
                } catch (IOException e) {
                    coordinatorFailures.add(path + ": " + e);
                }
            }
            coordinatorRequests++;
            pause(500);
        }
        for (Future<?> caller : callers) {
            caller.get(30, TimeUnit.SECONDS);
        }
        flood.get(60, TimeUnit.SECONDS);
        calls.shutdown();
        load.shutdown();

        List<Long> sorted = new ArrayList<>(decisionMillis);
        Collections.sort(sorted);
        io.micrometer.core.instrument.Timer decided = registry.find("helpline.agi.decision").tag("script", "route")
                .tag("action", "QUEUE").timer();
        System.out.printf("HTTP load: %s, logins %s; FastAGI sessions %d (client side p50 %d ms, p99 %d ms, max %d ms; "
                        + "server decision max %.1f ms); coordinator requests %d%n",
                statuses, registry.find("helpline.logins").counters().stream()
                        .map(c -> c.getId().getTag("outcome") + "=" + (long) c.count()).toList(),
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
                sorted.get(sorted.size() - 1), decided == null ? -1.0 : decided.max(TimeUnit.MILLISECONDS),
                coordinatorRequests);
        assertEquals(List.of(), missed, "every call got its decision");
        assertEquals(List.of(), coordinatorFailures, "the coordinator's requests and readiness answered within 5 s");
        assertTrue(sorted.size() >= 20, "calls kept coming: " + sorted.size());
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 401 || s == 503 || s == 200), "only 401, 503, 200: "
                + statuses);
        assertTrue(logins("busy") > 0, "the attack filled the password checks");
        assertTrue(busyAnswer.firstValue("Retry-After").isPresent(), "503 says when to retry");
        assertTrue(busyAnswer.firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        Poll.until(() -> logins("failed") > 0, Duration.ofSeconds(30), "wrong passwords went through bcrypt");

        for (var f : opening) {
            HttpResponse<?> r = f.get(5, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), "the coordinator's streams were served");
            streams.add(r);
        }
        // Once the attack stops, a login that needs a full password check is served within the client's timeout:
        // no backlog of queued checks is left to work through.
        asOperator().contentType("application/json")
                .body("{\"username\":\"after-the-storm\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"coordinator\"]}")
                .post("/api/users");
        assertEquals(200, get("/api/lines", "after-the-storm", PASSWORD).statusCode());
        opening.forEach(f -> f.join().body().close());
    }

    @Test
    void anUnknownUsernameTakesAsLongAsAKnownOneWithAWrongPassword() throws Exception {
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            known.add(timed(OPERATOR, "wrong-password-" + i));
            unknown.add(timed("nobody-at-all-" + i, "wrong-password-" + i));
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        System.out.printf("Failed logins at cost 12: known username median %d ms, unknown %d ms%n", knownMedian,
                unknownMedian);
        // Generous: unchecked unknown names answered in about 1 % of a check's time before.
        assertTrue(unknownMedian * 2 >= knownMedian && knownMedian * 2 >= unknownMedian,
                "known " + known + " vs unknown " + unknown);
    }

    private long timed(String user, String password) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> r = coordinator.send(request("/api/lines", user, password).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** 300 requests in flight at all times until {@code end}: 80 % wrong passwords, 10 % unknown names, 10 % good. */
    private void flood(long end, Map<Integer, AtomicInteger> statuses) {
        Semaphore inFlight = new Semaphore(CONCURRENT);
        AtomicInteger n = new AtomicInteger();
        while (System.nanoTime() < end) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            int i = n.incrementAndGet();
            HttpRequest.Builder b = switch (i % 10) {
                case 0 -> request("/api/lines", COORDINATOR, PASSWORD);
                case 1 -> request("/api/lines", "nobody-" + i, "guess-" + i);
                default -> request("/api/lines", OPERATOR, "guess-" + i);
            };
            HttpRequest r = b.timeout(Duration.ofSeconds(60)).build();
            http.sendAsync(r, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                inFlight.release();
                int status = failure != null ? -1 : response.statusCode();
                if (status == 503) {
                    busyAnswer = response.headers();
                }
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            });
        }
        try {
            inFlight.tryAcquire(CONCURRENT, 60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double logins(String outcome) {
        return registry.counter("helpline.logins", "outcome", outcome).count();
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return coordinator.send(request(path, user, password).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(5));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
