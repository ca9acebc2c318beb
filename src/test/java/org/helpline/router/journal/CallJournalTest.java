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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.helpline.router.journal.JournalTables.await;
import static org.helpline.router.journal.JournalTables.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Call records built from the route decision and the queue events, fired as the other features fire them. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CallJournalTest {

    static final String LINE = "journal-events";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-20T22:30:00Z"); // 23:30 in Paris

    @Inject
    Event<CallRouted> routed;
    @Inject
    Event<CallProgress> progress;
    @Inject
    AgroalDataSource ds;
    @Inject
    CallerPseudonymizer pseudonymizer;
    @Inject
    JournalMaintenance maintenance;

    @BeforeEach
    void line() {
        JournalTables.ensureLine(LINE, "+33800000051");
    }

    private static String newCallId() {
        return UUID.randomUUID().toString();
    }

    private Map<String, Object> awaitRecord(String callId, String outcome) throws Exception {
        await("call " + callId + " recorded as " + outcome, DEADLINE, () -> {
            Map<String, Object> r = record(ds, callId);
            return r != null && outcome.equals(r.get("outcome")) && r.get("line_code") != null;
        });
        return record(ds, callId);
    }

    @Test
    void anAnsweredCallIsOneRecordWithEveryInstantAndAPseudonym() throws Exception {
        String id = newCallId();
        routed.fireAsync(new CallRouted(id, LINE, "QUEUE", LINE, T0, "06 12 34 56 78"));
        progress.fire(new CallProgress(id, LINE, Stage.JOINED, T0.plusSeconds(20), null, null, null));
        progress.fireAsync(new CallProgress(id, LINE, Stage.ANSWERED, T0.plusSeconds(50), "listener-17", 30L, null));
        progress.fire(new CallProgress(id, LINE, Stage.COMPLETED, T0.plusSeconds(650), "listener-17", null, 600L));

        await("the conversation's end", DEADLINE, () -> {
            Map<String, Object> r = record(ds, id);
            return r != null && r.get("talk_seconds") != null && r.get("started_at") != null;
        });
        Map<String, Object> r = record(ds, id);
        assertEquals("ANSWERED", r.get("outcome"));
        assertEquals(LINE, r.get("line_code"));
        assertEquals(Date.valueOf(LocalDate.of(2026, 11, 20)), r.get("service_day"));
        assertEquals(T0, instant(r, "started_at"));
        assertEquals(T0.plusSeconds(20), instant(r, "queue_entered_at"));
        assertEquals(T0.plusSeconds(50), instant(r, "answered_at"));
        assertEquals(T0.plusSeconds(650), instant(r, "ended_at"));
        assertEquals(30, r.get("wait_seconds"));
        assertEquals(600, r.get("talk_seconds"));
        assertEquals("listener-17", r.get("listener_id"));
        assertEquals(pseudonymizer.pseudonymise("+33612345678", T0).value(), r.get("caller_pseudonym"));
        assertEquals("2026-11", r.get("pseudonym_period"));
    }

    @Test
    void eventsInAnyOrderAndTwiceMergeIntoTheSameRecord() throws Exception {
        String id = newCallId();
        progress.fire(new CallProgress(id, LINE, Stage.COMPLETED, T0.plusSeconds(400), "listener-3", null, 300L));
        progress.fire(new CallProgress(id, LINE, Stage.ANSWERED, T0.plusSeconds(100), "listener-3", 60L, null));
        progress.fire(new CallProgress(id, LINE, Stage.ANSWERED, T0.plusSeconds(100), "listener-3", 60L, null));
        routed.fireAsync(new CallRouted(id, LINE, "QUEUE", LINE, T0, "+33612345678"));
        progress.fire(new CallProgress(id, LINE, Stage.JOINED, T0.plusSeconds(40), null, null, null));

        await("all facts merged", DEADLINE, () -> {
            Map<String, Object> r = record(ds, id);
            return r != null && r.get("started_at") != null && r.get("queue_entered_at") != null;
        });
        Map<String, Object> r = record(ds, id);
        assertEquals("ANSWERED", r.get("outcome"));
        assertEquals(60, r.get("wait_seconds"));
        assertEquals(300, r.get("talk_seconds"));
        assertEquals(T0, instant(r, "first_event_at"));
        assertEquals(1, JournalTables.query(ds, "SELECT 1 FROM call_record WHERE call_id = ?", id).size());
    }

    @Test
    void routeDecisionsThatEndTheCallAreFinalAtOnce() throws Exception {
        String closed = newCallId(), noListener = newCallId(), overload = newCallId(), unknown = newCallId(),
                odd = newCallId();
        routed.fireAsync(new CallRouted(closed, LINE, "CLOSED", null, T0, "anonymous"));
        routed.fireAsync(new CallRouted(noListener, LINE, "NO_LISTENER", null, T0, "0612345678"));
        routed.fireAsync(new CallRouted(overload, LINE, "OVERLOAD", null, T0, null));
        routed.fireAsync(new CallRouted(unknown, null, "UNKNOWN_LINE", null, T0, "+33612345678"));
        routed.fireAsync(new CallRouted(odd, LINE, "SOMETHING_NEW", null, T0, ""));

        assertEquals(CallerNumbers.WITHHELD, awaitRecord(closed, "CLOSED").get("caller_pseudonym"));
        assertEquals(pseudonymizer.pseudonymise("+33612345678", T0).value(),
                awaitRecord(noListener, "NO_LISTENER").get("caller_pseudonym"));
        assertEquals(CallerNumbers.WITHHELD, awaitRecord(overload, "OVERLOAD").get("caller_pseudonym"));
        await("unknown line recorded", DEADLINE, () -> record(ds, unknown) != null);
        Map<String, Object> u = record(ds, unknown);
        assertEquals("UNKNOWN_LINE", u.get("outcome"));
        assertNull(u.get("line_code"));
        assertEquals("FAILED", awaitRecord(odd, "FAILED").get("outcome"));
    }

    @Test
    void abandonsAndTimeoutsEndAQueuedCall() throws Exception {
        String abandoned = newCallId(), timedOut = newCallId();
        routed.fireAsync(new CallRouted(abandoned, LINE, "QUEUE", LINE, T0, "+33 6 12 34 56 78"));
        progress.fire(new CallProgress(abandoned, LINE, Stage.JOINED, T0.plusSeconds(15), null, null, null));
        progress.fire(new CallProgress(abandoned, LINE, Stage.ABANDONED, T0.plusSeconds(60), null, 45L, null));
        routed.fireAsync(new CallRouted(timedOut, LINE, "QUEUE", LINE, T0, "+33 6 12 34 56 78"));
        progress.fire(new CallProgress(timedOut, LINE, Stage.TIMED_OUT, T0.plusSeconds(315), null, 300L, null));

        Map<String, Object> a = awaitRecord(abandoned, "ABANDONED");
        assertEquals(45, a.get("wait_seconds"));
        assertEquals(T0.plusSeconds(60), instant(a, "ended_at"));
        assertNull(a.get("answered_at"));
        Map<String, Object> t = awaitRecord(timedOut, "TIMED_OUT");
        assertEquals(300, t.get("wait_seconds"));
        assertEquals(a.get("caller_pseudonym"), t.get("caller_pseudonym"), "one caller, one pseudonym within the month");
    }

    @Test
    void aQueuedCallNeverSeenToEndIsClosedAsFailedOnlyAfterTheTimeout() throws Exception {
        Instant start = Instant.parse("2026-11-21T10:00:00Z");
        String id = newCallId();
        routed.fireAsync(new CallRouted(id, LINE, "QUEUE", LINE, start, "0612345678"));
        await("the open call", DEADLINE, () -> record(ds, id) != null);

        maintenance.closeStale(start.plus(Duration.ofMinutes(119)));
        assertNull(record(ds, id).get("outcome"), "still within the timeout: the call may be going on");

        maintenance.closeStale(start.plus(Duration.ofMinutes(121)));
        assertEquals("FAILED", record(ds, id).get("outcome"));

        // A late event still tells the truth.
        progress.fire(new CallProgress(id, LINE, Stage.ABANDONED, start.plusSeconds(30), null, 20L, null));
        awaitRecord(id, "ABANDONED");
    }

    @Test
    void aQueueEventWithoutACallIdIsIgnored() throws Exception {
        long before = count();
        progress.fire(new CallProgress(null, LINE, Stage.JOINED, T0, null, null, null));
        String marker = newCallId();
        routed.fireAsync(new CallRouted(marker, LINE, "CLOSED", null, T0, null));
        awaitRecord(marker, "CLOSED");
        assertEquals(before + 1, count());
    }

    @Test
    void theJournalsStateIsOnTheMetricsPage() {
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("helpline_journal_buffered"))
                .body(org.hamcrest.Matchers.containsString("helpline_journal_database_down 0.0"));
    }

    private long count() throws Exception {
        return (Long) JournalTables.query(ds, "SELECT count(*) AS n FROM call_record").get(0).get("n");
    }

    private static Instant instant(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
