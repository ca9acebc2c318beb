package org.helpline.router.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which instance does what must happen once when several share one PostgreSQL and one Asterisk: pausing a
 * listener after a ring-out or a long call, ending the rest, purging and aggregating the journal. The duty belongs
 * to the instance holding a session-level PostgreSQL advisory lock on a session of its own, outside the pool
 * ({@link DedicatedSession}); when that instance dies, PostgreSQL releases the lock with its session and another
 * instance takes the duty at its next check.
 *
 * <p>Each check asks PostgreSQL whether this session still holds the lock. A session found dead (the database
 * restarted, the backend was terminated) is replaced at once by a new attempt: the duty is taken again, or given up
 * to the instance that took it meanwhile. While the database cannot be reached at all, the duty stays where it was
 * (the holder cannot learn of a successor, and a lone instance — the common case — must go on resting its
 * listeners); an instance that never held it stays passive.
 */
@ApplicationScoped
public class InstanceDuty {

    private static final Logger LOG = Logger.getLogger(InstanceDuty.class);
    /**
     * The advisory lock's key: any constant the service uses nowhere else ("HLDUTY"). In {@code pg_locks}, classid
     * 18508 and objid 1146442841.
     */
    public static final long KEY = 0x484C44555459L;
    /** How the duty's session shows in {@code pg_stat_activity.application_name}. */
    public static final String SESSION_NAME = "helpline-router instance duty";
    private static final String STILL_HELD = """
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                              AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1)""";

    private final AgroalDataSource dataSource;
    private final Duration every;
    private final Duration timeout;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "instance-duty");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean holds;
    private volatile boolean stopped;
    private volatile Connection session;
    private boolean unreachable;

    InstanceDuty(AgroalDataSource dataSource, InstanceConfig config) {
        this.dataSource = dataSource;
        this.every = Duration.ofMillis(Math.max(100, config.dutyCheckInterval().toMillis()));
        // A check never hangs on a silent database for long: twice the interval, and at least 5 s to connect.
        this.timeout = Duration.ofSeconds(Math.max(5, 2 * every.toSeconds()));
    }

    void onStart(@Observes StartupEvent event) {
        checker.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        checker.shutdownNow();
        closeQuietly(); // ends the session, and the lock with it, even while a check waits on it
        holds = false;
    }

    /** Whether this instance holds the duties that run on one instance at a time. */
    public boolean holds() {
        return holds;
    }

    /** Checks the lock now (the scheduled check does it every interval). */
    public synchronized void check() {
        try {
            if (session != null) {
                if (stillHeld(session) || stopped) {
                    return;
                }
                LOG.info("Instance duty: the lock's session ended; asking for the lock again");
                closeQuietly();
            }
            if (!stopped) {
                acquire();
            }
        } catch (RuntimeException e) {
            // Never let the periodic check die: the next one must run.
            LOG.warnf("Instance duty: check failed (%s)", e.toString());
        }
    }

    private boolean stillHeld(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(STILL_HELD)) {
            ps.setLong(1, KEY >>> 32);
            ps.setLong(2, KEY & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false; // the session is gone, and its lock with it
        }
    }

    private void acquire() {
        Connection c;
        boolean taken;
        try {
            c = DedicatedSession.open(dataSource, timeout, SESSION_NAME);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    taken = rs.next() && rs.getBoolean(1);
                }
            } catch (SQLException e) {
                close(c);
                throw e;
            }
        } catch (SQLException e) {
            if (!unreachable) {
                unreachable = true;
                LOG.warnf("Instance duty: PostgreSQL cannot be reached (%s); this instance %s the listener pauses "
                        + "and the journal's maintenance until it can", e.getMessage(), holds ? "keeps" : "leaves");
            }
            return; // the duty stays where it was
        }
        if (unreachable) {
            unreachable = false;
            LOG.info("Instance duty: PostgreSQL reached again");
        }
        if (taken && !stopped) {
            session = c;
            if (!holds) {
                LOG.info("This instance now carries out the listener pauses and the journal's maintenance");
            }
            holds = true;
        } else {
            close(c);
            if (holds) {
                LOG.info("Another instance carries out the listener pauses and the journal's maintenance now");
            }
            holds = false;
        }
    }

    /** Closing the session ends it, and PostgreSQL releases its lock. */
    private void closeQuietly() {
        Connection c = session;
        session = null;
        if (c != null) {
            close(c);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a broken connection: its session and lock are gone with it
        }
    }
}
