package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.helpline.router.routing.CallRouted;
import org.helpline.router.supervision.CallProgress;
import org.helpline.router.supervision.CallProgress.Stage;
import org.helpline.router.support.CallerNumberForms;
import org.helpline.router.support.PostgresTestResource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.helpline.router.journal.JournalTables.await;
import static org.helpline.router.journal.JournalTables.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day of calls on one line with PostgreSQL stopped at midday and restarted in the afternoon: every call is
 * recorded in the end, the spill file held no number, and neither the database nor the service's log holds
 * any of the callers' numbers in any form the day used.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class JournalOutageDayTest {

    private static final Logger LOG = Logger.getLogger(JournalOutageDayTest.class);
    static final String LINE = "journal-day";
    private static final Instant MORNING = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant AFTERNOON = Instant.parse("2026-11-23T13:00:00Z");
    /** The callers of the day, as E.164; each call gives the number in another written form. */
    private static final List<String> CALLERS = List.of("+33612345678", "+33798765432", "+33145678901", "+33655443322");

    @Inject
    Event<CallRouted> routed;
    @Inject
    Event<CallProgress> progress;
    @Inject
    AgroalDataSource ds;
    @Inject
    JournalWriter writer;
    @ConfigProperty(name = "helpline.journal.spill-file")
    String spillFile;
    @ConfigProperty(name = "quarkus.log.file.path")
    String logFile;

    private final Map<String, String> expectedOutcomes = new LinkedHashMap<>();

    @Test
    void everyCallOfADayWithADatabaseOutageIsRecordedAndNoNumberIsAnywhere() throws Exception {
        JournalTables.ensureLine(LINE, "+33800000054");

        // Morning: the database is up.
        String pendingAnswer = playCalls(MORNING, 0, 8);
        await("the morning's calls", Duration.ofSeconds(15), () -> {
            writer.flush();
            return recorded() == expectedOutcomes.size();
        });

        // Midday: PostgreSQL stops. A morning call ends and the afternoon's calls come in meanwhile.
        PostgresTestResource.stopServer();
        try {
            progress.fire(new CallProgress(pendingAnswer, LINE, Stage.COMPLETED, AFTERNOON.minusSeconds(60), "l9", null, 900L));
            playCalls(AFTERNOON, 8, 16);
            LOG.infof("Test caller %s and %s must be masked in the log", "+33612345678", "06 12 34 56 78");
            await("the afternoon spilled to disk", Duration.ofSeconds(30), () -> {
                writer.flush();
                return writer.databaseDown() && writer.buffered() == 0 && writer.spillPending();
            });
            // A scheduled flush may be replaying it (the file is then moved aside under a .replay name).
            Path spill = Files.exists(Path.of(spillFile)) ? Path.of(spillFile) : Path.of(spillFile + ".replay");
            String spilled = Files.readString(spill, StandardCharsets.UTF_8);
            assertTrue(spilled.contains(pendingAnswer), "the spill file holds the waiting facts");
            assertEquals(List.of(), numbersIn(spilled), "the spill file holds no number");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(spill)));
        } finally {
            PostgresTestResource.restartServer();
            ds.flush(AgroalDataSource.FlushMode.ALL);
        }

        // Afternoon: the database is back; everything arrives, exactly once.
        await("every call of the day", Duration.ofSeconds(30), () -> {
            writer.flush();
            return recorded() == expectedOutcomes.size() && !writer.spillPending();
        });
        for (Map.Entry<String, String> call : expectedOutcomes.entrySet()) {
            assertEquals(call.getValue(), JournalTables.record(ds, call.getKey()).get("outcome"), call.getKey());
        }
        assertEquals(900, JournalTables.record(ds, pendingAnswer).get("talk_seconds"),
                "the end of a call that arrived during the outage was merged");
        assertFalse(Files.exists(Path.of(spillFile)));

        // Nothing anywhere holds a caller's number.
        assertEquals(List.of(), numbersIn(JournalTables.dumpAllTables(ds)), "database dump");
        assertEquals(List.of(), numbersIn(Files.readString(Path.of(logFile), StandardCharsets.UTF_8)), "service log");
    }

    @Test
    void theScanFindsANumberInAnyFormItWasGiven() {
        assertTrue(numbersIn("x +33612345678 y").contains("+33612345678"));
        assertTrue(numbersIn("caller=06 12 34 56 78").contains("06 12 34 56 78"));
        assertTrue(numbersIn("0798765432").contains("0798765432"));
        assertTrue(numbersIn("{\"n\":\"0033145678901\"}").contains("0033145678901"));
        assertTrue(numbersIn("+33 6 55 44 33 22").contains("+33 6 55 44 33 22"));
        assertEquals(List.of(), numbersIn("nothing here but 0800 000 054 and 2026-11-23"));
    }

    /** Plays calls {@code from..to-1} of the day; returns the id of the last answered call, left without its end. */
    private String playCalls(Instant start, int from, int to) {
        String openAnswer = null;
        for (int i = from; i < to; i++) {
            String id = "day-" + i + "-" + java.util.UUID.randomUUID();
            String number = writtenForm(CALLERS.get(i % CALLERS.size()), i);
            Instant at = start.plusSeconds(600L * (i - from));
            switch (i % 4) {
                case 0 -> {
                    routed.fireAsync(new CallRouted(id, LINE, "QUEUE", LINE, at, number));
                    progress.fire(new CallProgress(id, LINE, Stage.JOINED, at.plusSeconds(20), null, null, null));
                    progress.fire(new CallProgress(id, LINE, Stage.ANSWERED, at.plusSeconds(50), "l9", 30L, null));
                    openAnswer = id;
                    expectedOutcomes.put(id, "ANSWERED");
                }
                case 1 -> {
                    routed.fireAsync(new CallRouted(id, LINE, "QUEUE", LINE, at, number));
                    progress.fire(new CallProgress(id, LINE, Stage.JOINED, at.plusSeconds(20), null, null, null));
                    progress.fire(new CallProgress(id, LINE, Stage.ABANDONED, at.plusSeconds(80), null, 60L, null));
                    expectedOutcomes.put(id, "ABANDONED");
                }
                case 2 -> {
                    routed.fireAsync(new CallRouted(id, LINE, "CLOSED", null, at, number));
                    expectedOutcomes.put(id, "CLOSED");
                }
                default -> {
                    routed.fireAsync(new CallRouted(id, LINE, "QUEUE", LINE, at, "anonymous"));
                    progress.fire(new CallProgress(id, LINE, Stage.TIMED_OUT, at.plusSeconds(320), null, 300L, null));
                    expectedOutcomes.put(id, "TIMED_OUT");
                }
            }
        }
        return openAnswer;
    }

    /** The number as the i-th call writes it: E.164, national, spaced, dotted, 00-prefixed. */
    private static String writtenForm(String e164, int i) {
        return CallerNumberForms.forms(e164).get(i % 5);
    }

    private static List<String> numbersIn(String text) {
        return CallerNumberForms.foundIn(text, CALLERS);
    }

    private long recorded() throws Exception {
        return (Long) query(ds, "SELECT count(*) AS n FROM call_record WHERE line_code = ? AND outcome IS NOT NULL",
                LINE).get(0).get("n");
    }
}
