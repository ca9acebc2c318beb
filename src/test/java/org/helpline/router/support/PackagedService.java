package org.helpline.router.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a child process of an
 * integration test, the way an operator runs it: its own data directory (embedded PostgreSQL), free HTTP and
 * FastAGI ports on loopback, no AMI. Its output goes to {@code target/it-logs/<name>.log}.
 */
public final class PackagedService implements AutoCloseable {

    public static final String OPERATOR = "it-operator";
    public static final String PASSWORD = "it-operator-password";

    private final String name;
    private final Path dataDir;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int httpPort;
    private Path log;
    private boolean killed;
    private boolean runScript;

    public PackagedService(String name, Path dataDir) {
        this(name, dataDir, Map.of());
    }

    public PackagedService(String name, Path dataDir, Map<String, String> environment) {
        this.name = name;
        this.dataDir = dataDir;
        this.environment = environment;
    }

    /** The packaged jar: set by the failsafe plugin, or the default build location. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("helpline.it.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: integration tests run after `./mvnw package` "
                    + "(`./mvnw verify` does both)");
        }
        return jar;
    }

    /**
     * The next {@link #start()} goes through {@code ./scripts/run} with {@code HELPLINE_RUN_BUILD=no}, exactly as
     * an operator restarts the service, instead of {@code java -jar}; the script {@code exec}s the JVM, so killing
     * the process still kills the service.
     */
    public PackagedService throughRunScript() {
        this.runScript = true;
        return this;
    }

    /** Starts a new JVM of the service (a service object can be started again after it stopped or was killed). */
    public PackagedService start() throws IOException {
        httpPort = freePort();
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        log = logs.resolve(name + ".log");
        ProcessBuilder pb = runScript
                ? new ProcessBuilder(List.of("bash", Path.of("scripts", "run").toAbsolutePath().toString()))
                : new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toAbsolutePath().toString()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("HELPLINE_"));
        if (runScript) {
            jar();   // the script's own check, made here with a clearer message
            env.put("HELPLINE_RUN_BUILD", "no");
            env.put("JAVA_OPTS", "-Xmx256m");
            env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", ""));
        }
        env.putAll(Map.of(
                "HELPLINE_DATA_DIR", dataDir.toAbsolutePath().toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", String.valueOf(httpPort),
                "HELPLINE_AGI_PORT", String.valueOf(freePort()),
                "HELPLINE_AMI_ENABLED", "false",
                "HELPLINE_BOOTSTRAP_OPERATOR", OPERATOR + ":" + PASSWORD,
                "QUARKUS_LOG_FILE_ENABLED", "false"));
        env.putAll(environment);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        process = pb.start();
        return this;
    }

    /** Polls {@code /q/health/ready} until UP; fails when the deadline passes or the JVM exits. */
    public void awaitReady(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not ready within " + limit + " (last: " + last + "); see " + log);
    }

    /** Waits for the JVM to exit by itself; its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + limit);
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hook runs, so the embedded PostgreSQL is left running. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        killed = true;
    }

    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((OPERATOR + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** SIGTERM and wait: the service stops its embedded PostgreSQL on the way out. */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (killed) {
            stopLeftPostgres();
        }
    }

    /**
     * A test that failed after a kill -9 must not leak the PostgreSQL server the service left behind (closed
     * after any later service on the same data directory, which stopped its own server on the way out).
     */
    private void stopLeftPostgres() throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .ifPresent(p -> {
                    try {
                        new ProcessBuilder("kill", "-s", "INT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
                    } catch (IOException | InterruptedException ignored) {
                        p.destroy();
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
