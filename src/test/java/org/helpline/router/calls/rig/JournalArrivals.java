package org.helpline.router.calls.rig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches one line's journal while many calls run (a burst): for every call, when its final row (outcome and
 * {@code ended_at}) first became visible, by reading the line's final rows at a steady pace on a thread of its
 * own. A call's row was written after {@link Arrival#missedAt()} (the start of the last reading that did not show
 * it) and before {@link Arrival#seenAt()}: enough to check "written within 5 s of the hang-up" for every call of a
 * burst without following each one.
 */
public final class JournalArrivals implements AutoCloseable {

    /** One call's final row: its end as written, and between which two readings it appeared. */
    public record Arrival(Instant endedAt, Instant missedAt, Instant seenAt) {
    }

    private final JournalRows journal;
    private final String lineCode;
    private final Duration every;
    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile String failure;
    /** One connection for all readings (autocommit: each reading sees what is committed when it runs). */
    private Connection connection;

    private final long until;

    private JournalArrivals(JournalRows journal, String lineCode, Duration every, Duration lasting) {
        this.journal = journal;
        this.lineCode = lineCode;
        this.every = every;
        this.until = System.nanoTime() + lasting.toNanos();
        this.reader = new Thread(this::readUntilClosed, "suite-journal-arrivals-" + lineCode);
        this.reader.setDaemon(true);
    }

    /**
     * Starts reading the line's final rows every {@code every}, until closed or for {@code lasting} at most (a
     * scenario that fails before closing it leaves no reader behind); the first reading is done when this returns.
     */
    public static JournalArrivals watch(JournalRows journal, String lineCode, Duration every, Duration lasting) {
        JournalArrivals a = new JournalArrivals(journal, lineCode, every, lasting);
        a.readOnce(null);
        a.reader.start();
        return a;
    }

    /** When the call's final row appeared, if it has. */
    public Optional<Arrival> of(String callId) {
        return Optional.ofNullable(arrivals.get(callId));
    }

    /** Why readings failed, if one did (the database unreachable for a while). */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the readings; what they found stays readable. */
    @Override
    public void close() {
        running = false;
        reader.interrupt();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!reader.isAlive()) {
            closeConnection();
        }
    }

    private void readUntilClosed() {
        Instant previous = Instant.now();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(every.toMillis()); // the pace of the readings, not a wait for a state
            } catch (InterruptedException e) {
                return;
            }
            Instant started = Instant.now();
            if (readOnce(previous)) {
                previous = started;
            }
        }
        closeConnection();
    }

    /** One reading: rows not seen before appeared after {@code previous} (the start of the last good reading). */
    private boolean readOnce(Instant previous) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = journal.connect();
            }
            Map<String, Instant> rows = new java.util.HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT call_id, (extract(epoch FROM ended_at) * 1000)::bigint FROM call_record "
                            + "WHERE line_code = ? AND outcome_final AND ended_at IS NOT NULL")) {
                ps.setString(1, lineCode);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                    }
                }
            }
            Instant done = Instant.now();
            rows.forEach((id, ended) -> arrivals.putIfAbsent(id, new Arrival(ended, previous, done)));
            return true;
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            closeConnection(); // a fresh one at the next reading
            return false;
        }
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception ignored) {
            // going anyway
        }
        connection = null;
    }
}
