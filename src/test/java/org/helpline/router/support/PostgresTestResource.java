package org.helpline.router.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: the embedded zonky server, fresh for each test run, unless
 * {@code QUARKUS_DATASOURCE_JDBC_URL} points the tests at a server of the caller's own.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return Map.of();
        }
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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

    @Override
    public void stop() {
        // Kept for the whole JVM: several test classes share it; the JVM's exit stops it.
    }
}
