package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import org.helpline.router.supervision.ServiceDay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.helpline.router.support.TestAccounts.asOperator;

/**
 * What the journal's tests (and the end-to-end tests) read from the database, a line they can call on, and a
 * deadline-bound wait.
 */
public final class JournalTables {

    private JournalTables() {
    }

    /** Creates a line for tests unless it exists already. */
    public static void ensureLine(String code, String number) {
        if (asOperator().get("/api/lines/" + code).statusCode() == 200) {
            return;
        }
        asOperator().contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"number\":\"" + number + "\","
                        + "\"timeZone\":\"Europe/Paris\",\"crisisNumbers\":[{\"label\":\"3114\",\"number\":\"3114\"}]}")
                .post("/api/lines").then().statusCode(201);
    }

    /**
     * Writes one ended call straight into {@code call_record}, as the journal holds it after the caller's hang-up:
     * its service day is the line's (zone, 06:00 start), a call with a wait entered the queue, nobody's number.
     */
    public static void insertCall(AgroalDataSource ds, String line, ZoneId zone, Instant start, String outcome,
                                  Integer waitSeconds) throws SQLException {
        insertCall(ds, line, zone, start, outcome, waitSeconds, "withheld", false);
    }

    /**
     * The same from a caller known by {@code pseudonym} ({@code withheld} for a withheld number) who did or did not
     * hear every crisis number; {@code outcome} null is a call still going on. Returns the call's id.
     */
    public static String insertCall(AgroalDataSource ds, String line, ZoneId zone, Instant start, String outcome,
                                    Integer waitSeconds, String pseudonym, boolean crisisHeard) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO call_record (call_id, line_code, service_day, started_at, queue_entered_at, answered_at,
                    ended_at, wait_seconds, talk_seconds, outcome, caller_pseudonym, first_event_at, outcome_final,
                    duration_seconds, crisis_heard)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            boolean answered = "ANSWERED".equals(outcome);
            boolean ended = outcome != null;
            int wait = waitSeconds == null ? 0 : waitSeconds;
            Instant queued = waitSeconds == null ? null : start.plusSeconds(20);
            Instant end = start.plusSeconds(20 + wait + (answered ? 600 : 30));
            int i = 1;
            ps.setString(i++, id);
            ps.setString(i++, line);
            ps.setObject(i++, ServiceDay.of(start, zone, LocalTime.of(6, 0)));
            ps.setTimestamp(i++, Timestamp.from(start));
            ps.setTimestamp(i++, queued == null ? null : Timestamp.from(queued));
            ps.setTimestamp(i++, answered ? Timestamp.from(queued.plusSeconds(wait)) : null);
            ps.setTimestamp(i++, ended ? Timestamp.from(end) : null);
            ps.setObject(i++, ended ? waitSeconds : null);
            ps.setObject(i++, answered ? 600 : null);
            ps.setString(i++, outcome);
            ps.setString(i++, pseudonym);
            ps.setTimestamp(i++, Timestamp.from(start));
            ps.setBoolean(i++, ended);
            ps.setObject(i++, ended ? (int) Duration.between(start, end).toSeconds() : null);
            ps.setBoolean(i, crisisHeard);
            ps.executeUpdate();
        }
        return id;
    }

    /** The call's row as column → value, or null when absent. */
    public static Map<String, Object> record(AgroalDataSource ds, String callId) throws SQLException {
        List<Map<String, Object>> rows = query(ds, "SELECT * FROM call_record WHERE call_id = ?", callId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static List<Map<String, Object>> query(AgroalDataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnName(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Every row of every table of the schema, as PostgreSQL's text form of the row: what a dump would show. */
    public static String dumpAllTables(AgroalDataSource ds) throws SQLException {
        return org.helpline.router.support.DatabaseDump.allTablesAsText(ds);
    }

    /** Polls until the condition holds or the deadline passes. */
    public static void await(String what, Duration deadline, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Timed out waiting for " + what + (last == null ? "" : ": " + last), last);
    }
}
