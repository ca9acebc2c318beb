package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes call facts into {@code call_record}. Each fact is an upsert on the call id that fills what the row
 * does not know yet, so facts merge in any order and replaying them changes nothing. Plain JDBC batches:
 * the journal writes many small rows off the request path and must see a database failure as an exception,
 * not as an ORM session left half-flushed.
 */
@ApplicationScoped
public class CallRecordStore {

    /**
     * Facts merge into the row whatever their order. The caller's hang-up is final ({@code outcome_final}): its
     * outcome, end and wait replace the provisional ones from the route decision and the queue events, and
     * nothing after it changes them. Before it, the first outcome that is not FAILED wins.
     */
    private static final String UPSERT = """
            INSERT INTO call_record AS r (call_id, line_code, service_day, started_at, queue_entered_at, answered_at,
                ended_at, wait_seconds, talk_seconds, outcome, listener_id, caller_pseudonym, pseudonym_period,
                first_event_at, outcome_final, duration_seconds, listeners_rung, crisis_heard)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (call_id) DO UPDATE SET
                line_code = COALESCE(r.line_code, EXCLUDED.line_code),
                service_day = COALESCE(r.service_day, EXCLUDED.service_day),
                started_at = LEAST(r.started_at, EXCLUDED.started_at),
                queue_entered_at = COALESCE(r.queue_entered_at, EXCLUDED.queue_entered_at),
                answered_at = COALESCE(r.answered_at, EXCLUDED.answered_at),
                ended_at = CASE WHEN EXCLUDED.outcome_final THEN EXCLUDED.ended_at
                                WHEN r.outcome_final THEN r.ended_at
                                ELSE COALESCE(r.ended_at, EXCLUDED.ended_at) END,
                wait_seconds = CASE WHEN EXCLUDED.outcome_final AND EXCLUDED.wait_seconds IS NOT NULL THEN EXCLUDED.wait_seconds
                                    WHEN r.outcome_final AND r.wait_seconds IS NOT NULL THEN r.wait_seconds
                                    ELSE COALESCE(r.wait_seconds, EXCLUDED.wait_seconds) END,
                talk_seconds = COALESCE(r.talk_seconds, EXCLUDED.talk_seconds),
                outcome = CASE WHEN EXCLUDED.outcome_final THEN EXCLUDED.outcome
                               WHEN r.outcome_final THEN r.outcome
                               WHEN r.outcome IS NULL OR r.outcome = 'FAILED' THEN COALESCE(EXCLUDED.outcome, r.outcome)
                               ELSE r.outcome END,
                outcome_final = r.outcome_final OR EXCLUDED.outcome_final,
                listener_id = COALESCE(r.listener_id, EXCLUDED.listener_id),
                caller_pseudonym = COALESCE(r.caller_pseudonym, EXCLUDED.caller_pseudonym),
                pseudonym_period = COALESCE(r.pseudonym_period, EXCLUDED.pseudonym_period),
                first_event_at = LEAST(r.first_event_at, EXCLUDED.first_event_at),
                duration_seconds = COALESCE(EXCLUDED.duration_seconds, r.duration_seconds),
                listeners_rung = CASE WHEN EXCLUDED.outcome_final THEN COALESCE(EXCLUDED.listeners_rung, r.listeners_rung)
                                      ELSE COALESCE(r.listeners_rung, EXCLUDED.listeners_rung) END,
                crisis_heard = COALESCE(EXCLUDED.crisis_heard, r.crisis_heard)
            """;

    /**
     * Queued calls never seen to end become FAILED; rows only queue events ever reached get a service day (the
     * local date of their first event, shifted by the service day's start).
     */
    private static final String CLOSE_STALE = """
            UPDATE call_record
               SET outcome = COALESCE(outcome, 'FAILED'),
                   service_day = COALESCE(service_day, ((first_event_at AT TIME ZONE ?) - CAST(? AS INTERVAL))::date)
             WHERE (outcome IS NULL OR service_day IS NULL) AND first_event_at < ?
            """;

    private final AgroalDataSource dataSource;

    CallRecordStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes a batch in one transaction; on any failure nothing of it is kept and the exception says why. */
    public void write(List<CallFacts> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (CallFacts f : batch) {
                    bind(ps, f);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } catch (AssertionError e) {
                // pgjdbc asserts on a connection the server closed under it (seen with -ea): a failed write all the same
                rollbackQuietly(c);
                throw new SQLException("The database connection broke during the write", "08006", e);
            }
        }
    }

    /**
     * Closes queued calls that never got an answer nor an end before {@code olderThan} as FAILED (see
     * docs/privacy.md); a late event can still correct them. Returns how many were closed.
     */
    public int closeStale(Instant olderThan, String defaultZone, java.time.LocalTime dayStart) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLOSE_STALE)) {
            ps.setString(1, defaultZone);
            ps.setString(2, dayStart.toSecondOfDay() + " seconds");
            setInstant(ps, 3, olderThan);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, CallFacts f) throws SQLException {
        ps.setString(1, f.callId());
        ps.setString(2, f.lineCode());
        ps.setDate(3, f.serviceDay() == null ? null : Date.valueOf(f.serviceDay()));
        setInstant(ps, 4, f.startedAt());
        setInstant(ps, 5, f.queueEnteredAt());
        setInstant(ps, 6, f.answeredAt());
        setInstant(ps, 7, f.endedAt());
        setInt(ps, 8, f.waitSeconds());
        setInt(ps, 9, f.talkSeconds());
        ps.setString(10, f.outcome() == null ? null : f.outcome().name());
        ps.setString(11, f.listenerId());
        ps.setString(12, f.callerPseudonym());
        ps.setString(13, f.pseudonymPeriod());
        setInstant(ps, 14, f.eventAt());
        ps.setBoolean(15, Boolean.TRUE.equals(f.outcomeFinal()));
        setInt(ps, 16, f.durationSeconds());
        setInt(ps, 17, f.listenersRung());
        if (f.crisisHeard() == null) {
            ps.setNull(18, Types.BOOLEAN);
        } else {
            ps.setBoolean(18, f.crisisHeard());
        }
    }

    static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        ps.setObject(index, timestamp(at), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
