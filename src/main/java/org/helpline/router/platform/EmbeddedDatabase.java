package org.helpline.router.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A local PostgreSQL for a machine where nobody configured one: the zonky binaries from Maven Central,
 * with the data directory kept between runs. Production sets {@code QUARKUS_DATASOURCE_JDBC_URL} instead.
 * <p>
 * Unlike the library's test defaults it is durable and closed: {@code fsync} and {@code synchronous_commit}
 * are on (the library passes {@code -F} and {@code synchronous_commit=off}; the {@code -c} settings given here
 * come after them on the command line and win), and every connection needs the superuser's password, which
 * is generated into {@code <data dir>/postgres.password} (owner-only). A server left running by a killed
 * previous run of the same data directory is stopped first ({@link LeftoverPostmaster}), so the service
 * restarts by itself after a crash.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final String password;
    private boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** Starts the embedded server unless a JDBC URL is configured; returns null when it started nothing. */
    public static EmbeddedDatabase startIfNoneConfigured() {
        if (isJdbcUrlConfigured()) {
            return null;
        }
        EmbeddedDatabase db = start(dataDirectory());
        System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", db.password);
        return db;
    }

    /** Starts (creating or migrating when needed) the server whose data lives in {@code <dataDir>/postgres}. */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Path passwordFile = dataDir.resolve(DatabasePassword.FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(pgData);
            boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
            boolean trusting = !fresh && PasswordAuthentication.trusts(pgData);
            if (!fresh && !trusting && !Files.exists(passwordFile)) {
                throw new IllegalStateException("The embedded database in " + pgData + " requires a password, but "
                        + passwordFile + " is missing; restore that file from the backup of this data directory");
            }
            String password = DatabasePassword.loadOrCreate(passwordFile);
            LeftoverPostmaster.stopIfLeft(pgData, LEFTOVER_STOP_WAIT);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("password_encryption", PasswordAuthentication.METHOD)
                    // The library only runs initdb with "-A trust" plus the "locale" options, each given as
                    // --key=value after it: initdb keeps the last --auth, and reads the password from the file.
                    .setLocaleConfig("auth", PasswordAuthentication.METHOD)
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, password);
            if (trusting) {
                db.migrateFromTrust(pgData);
            }
            LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL configured: embedded PostgreSQL started on port %d, data in %s",
                    pg.getPort(), pgData);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    private void migrateFromTrust(Path pgData) {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            PasswordAuthentication.migrate(c, password, pgData);
            LOG.infof("Embedded PostgreSQL in %s trusted local connections: it now requires the password kept in "
                    + "the data directory (%s)", pgData, DatabasePassword.FILE_NAME);
        } catch (SQLException | IOException e) {
            close();
            throw new IllegalStateException("Could not set a password on the embedded PostgreSQL in " + pgData
                    + "; its data is untouched", e);
        }
    }

    /** The JDBC URL of the running server (user {@code postgres}, database {@code postgres}). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The port the server listens on (loopback only). */
    public int port() {
        return postgres.getPort();
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
