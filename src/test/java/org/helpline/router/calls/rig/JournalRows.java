package org.helpline.router.calls.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The service's call journal as its database holds it: rows of {@code call_record} read over JDBC from the
 * embedded PostgreSQL of the run (its port from {@code postmaster.pid}, its password from the data directory when
 * the service generated one).
 */
public final class JournalRows {

    private final ServiceUnderTest service;

    public JournalRows(ServiceUnderTest service) {
        this.service = service;
    }

    /** The row of a call, as column → value (text form), if the journal has it. */
    public Optional<Map<String, String>> row(String callId) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM call_record WHERE call_id = ?")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ResultSetMetaData md = rs.getMetaData();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), rs.getString(i));
                }
                return Optional.of(row);
            }
        } catch (SQLException | IOException e) {
            return Optional.empty();
        }
    }

    /** Waits until the call's row satisfies the predicate; returns it. */
    public Map<String, String> await(String callId, Predicate<Map<String, String>> done, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        Optional<Map<String, String>> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = row(callId);
            if (last.isPresent() && done.test(last.get())) {
                return last.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError(what + " within " + limit + "; the journal row is " + last.orElse(Map.of()));
    }

    /** Counts rows matching a SQL condition (on call_record). */
    public int count(String where, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM call_record WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException | IOException e) {
            throw new AssertionError("journal unreadable: " + e.getMessage());
        }
    }

    /** A connection to the service's database. */
    public Connection connect() throws IOException, SQLException {
        Path passwordFile = service.dataDirectory().resolve("postgres.password");
        String password = Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : "postgres";
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + service.databasePort() + "/postgres",
                "postgres", password);
    }
}
