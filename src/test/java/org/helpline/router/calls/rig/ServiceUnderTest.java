package org.helpline.router.calls.rig;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as an operator runs it: its own process, its
 * embedded PostgreSQL in a data directory of the run, FastAGI and HTTP on loopback ports, AMI to the run's
 * Asterisk. It can be killed, frozen (SIGSTOP, socket left open) and thawed, and started again on the same data.
 */
public final class ServiceUnderTest implements AutoCloseable {

    public static final String OPERATOR = "suite-operator";
    public static final String OPERATOR_PASSWORD = "suite-operator-password-0123";

    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final Map<String, String> env;
    private final int httpPort;
    private final int agiPort;
    private Process process;

    public ServiceUnderTest(Path jar, Path dataDir, Path log, AddressPlan plan, String amiSecret, Path messagesDir,
                            Map<String, String> extraEnv) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = log;
        this.httpPort = AddressPlan.freeTcpPort();
        this.agiPort = AddressPlan.freeTcpPort();
        Map<String, String> e = new HashMap<>();
        e.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        e.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        e.put("HELPLINE_DATA_DIR", dataDir.toAbsolutePath().toString());
        e.put("HELPLINE_AGI_BIND", "127.0.0.1");
        e.put("HELPLINE_AGI_PORT", Integer.toString(agiPort));
        e.put("HELPLINE_AMI_HOST", plan.asterisk());
        e.put("HELPLINE_AMI_PORT", Integer.toString(plan.amiPort()));
        e.put("HELPLINE_AMI_PASSWORD", amiSecret);
        e.put("HELPLINE_AMI_RECONNECT_MAX_DELAY", "1s");
        e.put("HELPLINE_BOOTSTRAP_OPERATOR", OPERATOR + ":" + OPERATOR_PASSWORD);
        e.put("HELPLINE_PSEUDONYM_SECRET", "suite-pseudonym-secret-" + plan.prefix());
        e.put("HELPLINE_MESSAGES_DIRECTORY", messagesDir.toAbsolutePath().toString());
        e.put("HELPLINE_LINES_REFRESH_INTERVAL", "2s");
        e.putAll(extraEnv);
        this.env = Map.copyOf(e);
    }

    /** host:port of its FastAGI server, as the dialplan's HELPLINE_AGI. */
    public String agiAddress() {
        return "127.0.0.1:" + agiPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public Path logFile() {
        return log;
    }

    /** Starts the process and waits until it is ready and logged in to AMI. */
    public void start() throws IOException, InterruptedException {
        String javaHome = System.getProperty("java.home");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(javaHome, "bin", "java").toString(), "-Xmx384m",
                "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString()))
                .directory(dataDir.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Files.createDirectories(dataDir);
        process = pb.start();
        awaitReady(Duration.ofSeconds(90));
    }

    /** Waits for readiness (database and FastAGI) and the AMI link. */
    public void awaitReady(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the service exited (" + process.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body().replaceAll("\\s+", " ");
                if (r.statusCode() == 200 && r.body().replaceAll("\\s", "").contains("\"connected\":true")) {
                    return;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready within " + limit + ": " + last + "; see " + log);
    }

    /** Waits until the AMI link came up (again) after {@code after}, e.g. once Asterisk restarted. */
    public void awaitAmiConnectedSince(java.time.Instant after, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        java.util.regex.Pattern since = java.util.regex.Pattern.compile("\"connected\":true,.*?\"since\":\"([^\"]+)\"");
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body()
                        .replaceAll("\\s", "");
                java.util.regex.Matcher m = since.matcher(body);
                if (m.find() && java.time.Instant.parse(m.group(1)).isAfter(after)) {
                    return;
                }
            } catch (IOException | java.time.format.DateTimeParseException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not log in to AMI again within " + limit);
    }

    /** SIGKILL: the JVM dies at once, sockets close. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** SIGSTOP: the process stops running; the kernel still accepts connections on its sockets. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGTERM and wait: a graceful stop. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** The operators' API, authenticated. */
    public RequestSpecification api() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(httpPort).auth().preemptive()
                .basic(OPERATOR, OPERATOR_PASSWORD);
    }

    /** The port of the embedded PostgreSQL, from its postmaster.pid. */
    public int databasePort() throws IOException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        return Integer.parseInt(pid.get(3).trim());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (process != null && process.isAlive()) {
                thaw();
            }
        } catch (IOException ignored) {
            // stopping anyway
        }
        stop();
    }

    private String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }
}
