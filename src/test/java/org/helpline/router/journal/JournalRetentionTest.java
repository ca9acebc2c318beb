package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.helpline.router.routing.CallRouted;
import org.helpline.router.supervision.CallProgress;
import org.helpline.router.supervision.CallProgress.Stage;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.helpline.router.journal.JournalTables.await;
import static org.helpline.router.journal.JournalTables.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Daily figures and the retention purge, on calls with explicit instants around the spring DST change in Paris
 * (29 March 2026), so that service days, periods and the purge's cutoff are exact.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JournalRetentionTest {

    static final String LINE = "journal-retention";
    private static final String ALICE = "+33 6 11 22 33 44";
    private static final String BOB = "07 55 66 77 88";

    @Inject
    Event<CallRouted> routed;
    @Inject
    Event<CallProgress> progress;
    @Inject
    AgroalDataSource ds;
    @Inject
    JournalWriter writer;
    @Inject
    JournalMaintenance maintenance;
    @Inject
    DailyAggregation aggregation;

    private static int written;

    private void answered(Instant start, String caller, long wait, long talk) {
        String id = UUID.randomUUID().toString();
        routed.fire(new CallRouted(id, LINE, "QUEUE", LINE, start, caller));
        progress.fire(new CallProgress(id, LINE, Stage.JOINED, start.plusSeconds(10), null, null, null));
        progress.fire(new CallProgress(id, LINE, Stage.ANSWERED, start.plusSeconds(10 + wait), "l1", wait, null));
        progress.fire(new CallProgress(id, LINE, Stage.COMPLETED, start.plusSeconds(10 + wait + talk), "l1", null, talk));
        written++;
    }

    private void abandoned(Instant start, String caller, long wait) {
        String id = UUID.randomUUID().toString();
        routed.fire(new CallRouted(id, LINE, "QUEUE", LINE, start, caller));
        progress.fire(new CallProgress(id, LINE, Stage.JOINED, start.plusSeconds(10), null, null, null));
        progress.fire(new CallProgress(id, LINE, Stage.ABANDONED, start.plusSeconds(10 + wait), null, wait, null));
        written++;
    }

    private void routedOnly(Instant start, String caller, String action) {
        routed.fire(new CallRouted(UUID.randomUUID().toString(), LINE, action, null, start, caller));
        written++;
    }

    @Test
    @Order(1)
    void aDayOfCallsGivesExactFigures() throws Exception {
        JournalTables.ensureLine(LINE, "+33800000052");
        // Saturday 28 March (Paris, UTC+1)
        answered(Instant.parse("2026-03-28T09:00:00Z"), ALICE, 20, 600);
        answered(Instant.parse("2026-03-28T10:00:00Z"), "0611223344", 40, 300);      // Alice again
        abandoned(Instant.parse("2026-03-28T11:00:00Z"), null, 3);                   // withheld, very short
        routedOnly(Instant.parse("2026-03-28T20:00:00Z"), BOB, "CLOSED");
        // Sunday 29 March: clocks go forward at 02:00 (UTC+2 from then). 04:30 UTC is 06:30 in Paris: the 29th's
        // service day (it starts at 06:00; an hour earlier in UTC than the day before)
        answered(Instant.parse("2026-03-29T04:30:00Z"), "+33611223344", 10, 60);     // Alice, third call
        abandoned(Instant.parse("2026-03-29T08:00:00Z"), BOB, 90);
        routedOnly(Instant.parse("2026-03-29T09:00:00Z"), "anonymous", "NO_LISTENER");
        routedOnly(Instant.parse("2026-03-29T09:05:00Z"), BOB, "OVERLOAD");
        // Wednesday 1 April: a new period, so Alice is a new caller again
        answered(Instant.parse("2026-04-01T12:00:00Z"), ALICE, 100, 30);

        await("every call written", Duration.ofSeconds(15), () -> {
            writer.flush();
            return (Long) query(ds, "SELECT count(*) AS n FROM call_record WHERE line_code = ? AND outcome IS NOT NULL",
                    LINE).get(0).get("n") == written;
        });

        assertDay(LocalDate.of(2026, 3, 28), Map.ofEntries(
                Map.entry("offered", 4), Map.entry("answered", 2), Map.entry("abandoned", 0),
                Map.entry("short_calls", 1), Map.entry("closed", 1), Map.entry("no_listener", 0),
                Map.entry("overload", 0), Map.entry("failed", 0), Map.entry("queued", 2),
                Map.entry("answered_within_target", 1), Map.entry("talk_seconds", 900L),
                Map.entry("identified_callers", 2), Map.entry("repeat_callers", 1), Map.entry("withheld_calls", 1)));
        assertEquals("{20,40}", stats(LocalDate.of(2026, 3, 28)).get("answered_waits").toString());
        assertDay(LocalDate.of(2026, 3, 29), Map.ofEntries(
                Map.entry("offered", 4), Map.entry("answered", 1), Map.entry("abandoned", 1),
                Map.entry("short_calls", 0), Map.entry("closed", 0), Map.entry("no_listener", 1),
                Map.entry("timed_out", 0), Map.entry("overload", 1), Map.entry("queued", 2),
                Map.entry("answered_within_target", 1), Map.entry("identified_callers", 2),
                Map.entry("repeat_callers", 2), Map.entry("withheld_calls", 1)));
        // A new month: Alice's pseudonym is new, so she is no repeat caller.
        assertDay(LocalDate.of(2026, 4, 1), Map.of("offered", 1, "answered", 1, "identified_callers", 1,
                "repeat_callers", 0));
    }

    @Test
    @Order(2)
    void thePurgeDeletesOnlyExpiredDaysAndKeepsTheirFigures() throws Exception {
        Instant now = Instant.parse("2026-09-25T10:00:00Z"); // 180 days before 25 September is 29 March
        assertEquals(4, maintenance.purge(now));
        assertEquals(0L, count(LocalDate.of(2026, 3, 28)));
        assertEquals(4L, count(LocalDate.of(2026, 3, 29)), "the 29th is within the retention period");
        Map<String, Object> sat = storedStats(LocalDate.of(2026, 3, 28));
        assertEquals(true, sat.get("records_purged"));
        assertEquals(4, sat.get("offered"));
        assertEquals(1, sat.get("repeat_callers"));

        assertEquals(0, maintenance.purge(now), "a second run at the same moment has nothing left to do");
        assertEquals(sat.get("offered"), storedStats(LocalDate.of(2026, 3, 28)).get("offered"));
        assertEquals(false, storedStats(LocalDate.of(2026, 3, 29)).get("records_purged"));

        assertEquals(5, maintenance.purge(Instant.parse("2026-10-05T10:00:00Z")));
        assertEquals(0L, (Long) query(ds, "SELECT count(*) AS n FROM call_record WHERE line_code = ?", LINE)
                .get(0).get("n"));
        assertEquals(true, storedStats(LocalDate.of(2026, 3, 29)).get("records_purged"));
        assertEquals(2, storedStats(LocalDate.of(2026, 3, 29)).get("repeat_callers"));
        assertTrue(query(ds, "SELECT * FROM daily_line_stats WHERE line_code = ?", LINE).stream()
                .allMatch(r -> r.keySet().stream().noneMatch(k -> k.contains("pseudonym"))));
    }

    private void assertDay(LocalDate day, Map<String, Object> expected) throws Exception {
        Map<String, Object> row = stats(day);
        expected.forEach((column, value) -> assertEquals(value, row.get(column), day + " " + column));
    }

    private Map<String, Object> stats(LocalDate day) throws Exception {
        aggregation.refresh(day, day, LINE);
        return storedStats(day);
    }

    private Map<String, Object> storedStats(LocalDate day) throws Exception {
        List<Map<String, Object>> rows = query(ds,
                "SELECT * FROM daily_line_stats WHERE line_code = ? AND service_day = ?", LINE, Date.valueOf(day));
        assertEquals(1, rows.size(), "one row for " + day);
        return rows.get(0);
    }

    private long count(LocalDate day) throws Exception {
        return (Long) query(ds, "SELECT count(*) AS n FROM call_record WHERE line_code = ? AND service_day = ?",
                LINE, Date.valueOf(day)).get(0).get("n");
    }
}
