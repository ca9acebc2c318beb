package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.helpline.router.journal.JournalTables.insertCall;
import static org.helpline.router.journal.JournalTables.query;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hour-of-day figures outlive the purge of the call records, like the daily figures, and are final from
 * then on: a record that turns up later for a purged day changes neither.
 *
 * <p>Its calls are in November 2025 and it purges as of 1 June 2026 (cutoff 3 December 2025), before every other
 * test's calls, so it deletes nothing of theirs, and it leaves none of its own behind.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class HourlyRetentionTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String LINE = "heures-purge";
    private static final String DAY = "2025-11-15";

    @Inject
    AgroalDataSource ds;
    @Inject
    JournalMaintenance maintenance;

    private void call(String localStart, String outcome, Integer wait) throws Exception {
        insertCall(ds, LINE, PARIS, LocalDateTime.parse(localStart).atZone(PARIS).toInstant(), outcome, wait);
    }

    private static JsonPath hourly() {
        return asOperator().accept("application/json")
                .get("/api/reports/hourly?line=" + LINE + "&from=" + DAY + "&to=" + DAY)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void hourFiguresSurviveThePurgeAndStayFinal() throws Exception {
        JournalTables.ensureLine(LINE, "+33800000981");
        for (String table : List.of("call_record", "daily_line_stats", "hourly_line_stats")) {
            delete(table); // a database of the caller's own may hold an earlier run's figures
        }
        try {
            call(DAY + "T10:15", "ANSWERED", 8);
            call(DAY + "T20:05", "CLOSED", null);
            call(DAY + "T20:40", "CLOSED", null);
            call(DAY + "T22:10", "CLOSED", null);
            call("2025-11-16T01:30", "CLOSED", null);        // the night after: still the 15th's service day
            JsonPath before = hourly();
            assertEquals(List.of(1, 2, 1, 1), List.of(before.getInt("[10].answered"), before.getInt("[20].closed"),
                    before.getInt("[22].closed"), before.getInt("[1].closed")));

            maintenance.purge(Instant.parse("2026-06-01T10:00:00Z"));
            assertEquals(0L, count(), "the records are gone");
            assertEquals(true, query(ds, "SELECT records_purged FROM daily_line_stats WHERE line_code = ?", LINE)
                    .get(0).get("records_purged"));
            JsonPath after = hourly();
            assertEquals(before.getList("$"), after.getList("$"), "the hours read the same from the kept figures");
            assertEquals(4, asOperator().accept("application/json")
                    .get("/api/reports/weekdays?line=" + LINE + "&from=2025-11-10&to=2025-11-16")
                    .then().statusCode(200).extract().jsonPath().getInt("[5].closed"), "Saturday's closed-line calls");

            // A call's facts replayed late from a spill file, for a day already purged: the figures stay final.
            call(DAY + "T20:30", "CLOSED", null);
            assertEquals(before.getList("$"), hourly().getList("$"));
            assertEquals(4, asOperator().accept("application/json")
                    .get("/api/reports/daily?line=" + LINE + "&from=" + DAY + "&to=" + DAY)
                    .then().statusCode(200).extract().jsonPath().getInt("[0].closed"),
                    "the daily report agrees: 20:05, 20:40, 22:10 and 01:30");
        } finally {
            delete("call_record");
        }
    }

    private void delete(String table) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE line_code = ?")) {
            ps.setString(1, LINE);
            ps.executeUpdate();
        }
    }

    private long count() throws Exception {
        return (Long) query(ds, "SELECT count(*) AS n FROM call_record WHERE line_code = ?", LINE).get(0).get("n");
    }
}
