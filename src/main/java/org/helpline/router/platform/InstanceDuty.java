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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which instance does what must happen once when several share one PostgreSQL and one Asterisk: pausing a
 * listener after a ring-out or a long call, ending the rest, purging and aggregating the journal. The duty belongs
 * to the instance holding a session-level PostgreSQL advisory lock on a connection of its own; when that instance
 * dies, PostgreSQL releases the lock with its connection and another instance takes the duty at its next check.
 *
 * <p>During a database outage the duty stays where it was (the holder cannot learn of a successor, and a lone
 * instance — the common case — must go on resting its listeners); an instance that never held it stays passive.
 */
@ApplicationScoped
public class InstanceDuty {

    private static final Logger LOG = Logger.getLogger(InstanceDuty.class);
    /** The advisory lock's key: any constant the service uses nowhere else ("HLDUTY"). */
    static final long KEY = 0x484C44555459L;

    private final AgroalDataSource dataSource;
    private final InstanceConfig config;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "instance-duty");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean holds;
    private Connection connection;

    InstanceDuty(AgroalDataSource dataSource, InstanceConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        long every = Math.max(100, config.dutyCheckInterval().toMillis());
        checker.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        checker.shutdownNow();
        closeQuietly();
    }

    /** Whether this instance holds the duties that run on one instance at a time. */
    public boolean holds() {
        return holds;
    }

    /** Checks the lock now (the scheduled check does it every interval). */
    public synchronized void check() {
        try {
            if (connection != null && !connection.isClosed()) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT 1")) {
                    ps.execute();
                }
                return; // still connected: the session still holds the lock it took
            }
            closeQuietly();
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            boolean taken;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    taken = rs.next() && rs.getBoolean(1);
                }
            }
            if (taken) {
                connection = c;
                if (!holds) {
                    LOG.info("This instance now carries out the listener pauses and the journal's maintenance");
                }
                holds = true;
            } else {
                c.close();
                if (holds) {
                    LOG.info("Another instance carries out the listener pauses and the journal's maintenance now");
                }
                holds = false;
            }
        } catch (SQLException | RuntimeException e) {
            // The database cannot be reached: the lock's session is gone or unknown; keep the duty where it was.
            closeQuietly();
        }
    }

    /** Gives the lock back before the connection returns to the pool (a pooled session must hold no lock). */
    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, KEY);
                ps.execute();
            } catch (SQLException ignored) {
                // a broken connection: its session and lock are gone with it
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is broken already
            }
        }
    }
}
