package org.helpline.router.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A local PostgreSQL for a machine where nobody configured one: the zonky binaries from Maven Central,
 * with the data directory kept between runs. Production sets {@code QUARKUS_DATASOURCE_JDBC_URL} instead.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the embedded server unless a JDBC URL is configured; returns null when it started nothing. */
    public static EmbeddedDatabase startIfNoneConfigured() {
        if (isJdbcUrlConfigured()) {
            return null;
        }
        Path dataDir = dataDirectory().resolve("postgres");
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg);
            System.setProperty("quarkus.datasource.jdbc.url", pg.getJdbcUrl("postgres", "postgres"));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL configured: embedded PostgreSQL started on port %d, data in %s",
                    pg.getPort(), dataDir.toAbsolutePath());
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The service's local data directory ({@code HELPLINE_DATA_DIR}, default {@code ./data}). */
    public static Path dataDirectory() {
        String configured = firstNonBlank(System.getProperty("helpline.data-dir"), System.getenv("HELPLINE_DATA_DIR"));
        return Path.of(configured != null ? configured : "data");
    }

    static boolean isJdbcUrlConfigured() {
        return firstNonBlank(System.getProperty("quarkus.datasource.jdbc.url"),
                System.getenv("QUARKUS_DATASOURCE_JDBC_URL")) != null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
