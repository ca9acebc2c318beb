package org.helpline.router.support;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.helpline.router.platform.InstanceDuty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second instance of the service, as far as the duties that run once are concerned: a PostgreSQL session of its
 * own (plain JDBC, on the test database) that takes the instance duty's advisory lock from the service under test
 * as an instance would that got it while the first one's session died — the first's session is ended, the lock
 * goes to this one. {@link #close()} is this instance dying: the service takes the duty back at its next check.
 */
public final class OtherInstance implements AutoCloseable {

    private static final Duration CHECKS = Duration.ofSeconds(15);
    private static final String LOCK = "locktype = 'advisory' AND classid::bigint = ? AND objid::bigint = ?";

    private final Connection session;
    private final InstanceDuty duty;

    private OtherInstance(Connection session, InstanceDuty duty) {
        this.session = session;
        this.duty = duty;
    }

    /** Takes the duty from the service's {@code duty}; returns once the service knows it lost it. */
    public static OtherInstance takeDutyFrom(InstanceDuty duty) throws Exception {
        Connection c = connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '15s'");
        }
        // Queued for the lock first, then the holder's session ended: PostgreSQL gives the lock to the session
        // waiting for it, before any later try of the service's.
        CompletableFuture<Void> granted = CompletableFuture.runAsync(() -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, InstanceDuty.KEY);
                lock.execute();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection admin = connect()) {
            Poll.until(CHECKS, () -> assertTrue(granted.isDone() || count(admin, "NOT granted") > 0,
                    "queued for the duty's lock"));
            try (PreparedStatement end = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                    + "WHERE " + LOCK + " AND granted")) {
                end.setLong(1, InstanceDuty.KEY >>> 32);
                end.setLong(2, InstanceDuty.KEY & 0xFFFFFFFFL);
                end.execute();
            }
        }
        granted.get(CHECKS.toSeconds(), TimeUnit.SECONDS);
        Poll.until(CHECKS, () -> assertFalse(duty.holds(), "the service saw another instance take the duty"));
        return new OtherInstance(c, duty);
    }

    private static int count(Connection c, String condition) {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE " + LOCK + " AND " + condition)) {
            ps.setLong(1, InstanceDuty.KEY >>> 32);
            ps.setLong(2, InstanceDuty.KEY & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        Properties p = new Properties();
        p.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(v -> p.setProperty("password", v));
        p.setProperty("ApplicationName", "other instance");
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), p);
    }

    /** This instance dies: its session ends, and the service takes the duty back. */
    @Override
    public void close() throws SQLException {
        session.close();
        Poll.until(CHECKS, () -> assertTrue(duty.holds(), "the service took the duty back"));
    }
}
