package org.helpline.router.platform;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.helpline.router.support.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one PostgreSQL, for what must happen once ({@link InstanceDuty}): this instance against the
 * embedded PostgreSQL the packaged service runs (with its password), reached through a relay standing for the
 * network; "the other instance" is a plain JDBC session asking for the same advisory lock, as the other instance's
 * duty does. Each scenario with its twin: the duty stays away while the other holds it and comes when it dies; the
 * lock lives on a session of its own, never a pooled one; a killed session is replaced at once or given up; a
 * database outage keeps the duty where it was and it is taken again after; a silent network does not hang a check.
 */
class InstanceDutyTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    /** Long enough for any check on a loaded machine, far shorter than a duty never retried. */
    private static final Duration WITHIN_A_FEW_CHECKS = Duration.ofSeconds(5);

    @TempDir
    static Path dataDir;
    private static EmbeddedDatabase db;
    private static DatabaseRelay network;

    private AgroalDataSource pool;
    private final List<InstanceDuty> duties = new ArrayList<>();
    private final List<Connection> others = new ArrayList<>();

    @BeforeAll
    static void database() throws Exception {
        db = EmbeddedDatabase.start(dataDir);
        network = DatabaseRelay.to(db.port());
    }

    @AfterAll
    static void stopDatabase() {
        network.close();
        db.close();
    }

    @BeforeEach
    void pool() throws SQLException {
        String password = password();
        pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(p -> p
                .maxSize(2).acquisitionTimeout(Duration.ofSeconds(5))
                .connectionFactoryConfiguration(f -> f.jdbcUrl("jdbc:postgresql://localhost:" + network.port() + "/postgres")
                        .principal(new NamePrincipal("postgres")).credential(new SimplePassword(password)))));
    }

    @AfterEach
    void stopAll() throws SQLException {
        network.silent(false);
        for (InstanceDuty d : duties) {
            d.onStop(null);
        }
        for (Connection c : others) {
            c.close();
        }
        pool.close();
        awaitLockFree(); // a session closed by its client ends on the server a moment later
    }

    @Test
    void whileTheOtherInstanceHoldsTheDutyThisOneWaitsThenTakesItWithinItsIntervalWhenTheOtherDies() throws Exception {
        Connection other = otherInstance();
        assertTrue(tryLock(other), "the other instance started first");
        InstanceDuty duty = duty();
        duty.check();
        assertFalse(duty.holds(), "held by the other instance");
        duty.onStart(null);
        duty.check();
        assertFalse(duty.holds(), "still the other's");
        assertEquals(Optional.of("other instance"), holderName());

        other.close(); // the other instance dies: PostgreSQL ends its session, and the lock with it
        Poll.until(WITHIN_A_FEW_CHECKS, () -> assertTrue(duty.holds(), "taken by the scheduled check"));
        assertEquals(Optional.of(InstanceDuty.SESSION_NAME), holderName());
    }

    @Test
    void theDutyLivesOnASessionOfItsOwnNeverOnThePoolsAndEndsWithIt() throws Exception {
        InstanceDuty duty = duty();
        duty.check();
        assertTrue(duty.holds());
        Connection other = otherInstance();
        assertFalse(tryLock(other), "one instance at a time");

        // Every connection the pool can lend holds no lock: none can carry the duty off to other work.
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            for (Connection pooled : List.of(a, b)) {
                assertEquals(0, advisoryLocksOf(pooled));
                assertNotEquals(holderPid().orElseThrow(), backendPid(pooled));
            }
        }
        assertEquals(Optional.of(InstanceDuty.SESSION_NAME), holderName(), "its own session, named so in pg_stat_activity");
        duty.check();
        assertTrue(duty.holds(), "a check on a held lock keeps it");

        duty.onStop(null); // the instance stops: its session ends, and the lock with it
        assertFalse(duty.holds());
        Poll.until(WITHIN_A_FEW_CHECKS, () -> assertTrue(tryLock(other), "the other instance takes the duty"));
    }

    @Test
    void aKilledSessionIsTakenAgainAtOnceOrGivenUpToTheInstanceThatGotTheLock() throws Exception {
        InstanceDuty duty = duty();
        duty.check();
        int first = holderPid().orElseThrow();

        terminate(first); // e.g. an administrator's pg_terminate_backend
        duty.check();
        assertTrue(duty.holds(), "asked again in the same check, and free");
        int second = holderPid().orElseThrow();
        assertNotEquals(first, second, "on a new session");

        // The twin: the other instance was waiting for the lock and gets it when the session dies.
        Connection other = otherInstance();
        Thread waiting = lockWhenFree(other);
        Poll.until(WITHIN_A_FEW_CHECKS, () -> assertTrue(waitingForLock(), "the other instance waits"));
        terminate(second);
        waiting.join(WITHIN_A_FEW_CHECKS.toMillis());
        assertEquals(Optional.of("other instance"), holderName());
        duty.check();
        assertFalse(duty.holds(), "given up to the other instance in the same check");

        other.close();
        awaitLockFree();
        duty.check();
        assertTrue(duty.holds());
    }

    @Test
    void duringADatabaseOutageTheDutyStaysThenIsTakenAgainOrGivenUpAfter() throws Exception {
        InstanceDuty duty = duty();
        duty.check();
        assertTrue(duty.holds());

        db.close();
        assertTimeoutPreemptively(Duration.ofSeconds(30), duty::check);
        assertTrue(duty.holds(), "a lone instance goes on resting its listeners while the database is away");
        restartDatabase();
        duty.onStart(null);
        Poll.until(WITHIN_A_FEW_CHECKS, () -> assertEquals(Optional.of(InstanceDuty.SESSION_NAME), holderName(),
                "taken again on the restarted database by the scheduled check"));
        assertTrue(duty.holds());

        // The twin: the other instance asks first when the database comes back.
        InstanceDuty manual = duty();
        duty.onStop(null);
        awaitLockFree();
        manual.check();
        assertTrue(manual.holds());
        db.close();
        manual.check();
        assertTrue(manual.holds());
        restartDatabase();
        Connection other = otherInstance();
        assertTrue(tryLock(other), "the other instance was first");
        manual.check();
        assertFalse(manual.holds(), "given up once the database tells who holds it");
        other.close();
        awaitLockFree();
        manual.check();
        assertTrue(manual.holds());
    }

    @Test
    void aSilentNetworkDoesNotHangTheCheck() throws Exception {
        InstanceDuty duty = duty();
        duty.check();
        assertTrue(duty.holds());

        network.silent(true); // nothing comes back, nothing is closed
        assertTimeoutPreemptively(Duration.ofSeconds(30), duty::check,
                "the check gives up on a silent database instead of waiting for TCP to notice");
        assertTrue(duty.holds(), "the duty stays where it was while the database cannot be reached");

        network.silent(false);
        awaitLockFree(); // the abandoned session's end reaches PostgreSQL once the network carries again
        duty.check();
        assertTrue(duty.holds());
        assertEquals(Optional.of(InstanceDuty.SESSION_NAME), holderName());
    }

    // --- the other instance, and what PostgreSQL says ------------------------------------------------

    private InstanceDuty duty() {
        InstanceDuty d = new InstanceDuty(pool, () -> INTERVAL);
        duties.add(d);
        return d;
    }

    private Connection otherInstance() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password());
        p.setProperty("ApplicationName", "other instance");
        Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + db.port() + "/postgres", p);
        others.add(c);
        return c;
    }

    private static boolean tryLock(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, InstanceDuty.KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks for the lock and waits for it, as a blocked instance would, on a thread of its own. */
    private static Thread lockWhenFree(Connection c) {
        Thread t = new Thread(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, InstanceDuty.KEY);
                ps.execute();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "other-instance");
        t.start();
        return t;
    }

    private boolean waitingForLock() {
        return !query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid::bigint = "
                + (InstanceDuty.KEY & 0xFFFFFFFFL)).isEmpty();
    }

    private Optional<Integer> holderPid() {
        return query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = "
                + (InstanceDuty.KEY >>> 32) + " AND objid::bigint = " + (InstanceDuty.KEY & 0xFFFFFFFFL))
                .stream().findFirst().map(Integer::valueOf);
    }

    private Optional<String> holderName() {
        return holderPid().flatMap(pid -> query("SELECT application_name FROM pg_stat_activity WHERE pid = " + pid)
                .stream().findFirst());
    }

    private void awaitLockFree() {
        Poll.until(Duration.ofSeconds(10), () -> assertEquals(Optional.empty(), holderPid(), "nobody holds the lock"));
    }

    private void terminate(int pid) {
        query("SELECT pg_terminate_backend(" + pid + ")");
        Poll.until(WITHIN_A_FEW_CHECKS, () -> assertNotEquals(Optional.of(pid), holderPid(), "the session ended"));
    }

    private static int advisoryLocksOf(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A one-column query on a connection of the test's own, straight to the database. */
    private List<String> query(String sql) {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + db.port() + "/postgres", p);
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restartDatabase() {
        db = EmbeddedDatabase.start(dataDir);
        network.retarget(db.port()); // the instance keeps its address: the relay stands for the network
    }

    private static String password() {
        try {
            return Files.readString(dataDir.resolve(DatabasePassword.FILE_NAME)).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
