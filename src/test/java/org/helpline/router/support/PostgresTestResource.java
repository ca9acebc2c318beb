package org.helpline.router.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: the embedded zonky server, fresh for each test run, unless
 * {@code QUARKUS_DATASOURCE_JDBC_URL} points the tests at a server of the caller's own. Tests that need the
 * database to fail may {@link #stopServer()} and {@link #restartServer()} it: it comes back on the same port
 * with the same data, so later test classes find it as they left it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static Path dataDirectory;
    private static int port;

    @Override
    public synchronized Map<String, String> start() {
        String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return Map.of();
        }
        synchronized (PostgresTestResource.class) {
            if (postgres == null) {
                try {
                    dataDirectory = Files.createTempDirectory("helpline-test-pg");
                    Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestResource::deleteDataDirectory));
                    postgres = builder().start();
                    port = postgres.getPort();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** The running server, for tests that stop and restart it. */
    public static EmbeddedPostgres server() {
        return postgres;
    }

    /** Stops the server, keeping its data; connections fail until {@link #restartServer()}. */
    public static synchronized void stopServer() throws IOException {
        requireEmbedded();
        postgres.close();
    }

    /** Starts the stopped server again on the same port with the same data. */
    public static synchronized void restartServer() throws IOException {
        requireEmbedded();
        postgres = builder().setPort(port).start();
    }

    private static EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(30))
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        return builder;
    }

    private static void requireEmbedded() {
        if (postgres == null) {
            throw new IllegalStateException("Only the embedded test PostgreSQL can be stopped and restarted");
        }
    }

    private static void deleteDataDirectory() {
        if (dataDirectory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it eventually
        }
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: several test classes share it; the JVM's exit stops it.
    }
}
