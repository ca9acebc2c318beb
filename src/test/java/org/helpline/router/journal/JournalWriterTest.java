package org.helpline.router.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer's buffer, spill file and replay against a database that fails on demand. */
class JournalWriterTest {

    /** A store that records what it is given, or fails while told to. */
    static final class FlakyStore extends CallRecordStore {
        final List<CallFacts> written = new ArrayList<>();
        /** What the next writes do: true succeeds, false fails; when empty, writes succeed. */
        final Deque<Boolean> script = new ArrayDeque<>();

        FlakyStore() {
            super(null);
        }

        @Override
        public void write(List<CallFacts> batch) throws SQLException {
            if (Boolean.FALSE.equals(script.poll())) {
                throw new SQLException("Connection refused");
            }
            written.addAll(batch);
        }
    }

    private static JournalConfig config(Path spill, int bufferSize, int batchSize) {
        return new JournalConfig() {
            public Duration retention() { return Duration.ofDays(180); }
            public String purgeCron() { return "off"; }
            public Duration aggregateEvery() { return Duration.ofMinutes(15); }
            public int shortCallSeconds() { return 5; }
            public Duration unansweredTimeout() { return Duration.ofHours(2); }
            public Duration flushEvery() { return Duration.ofSeconds(1); }
            public int batchSize() { return batchSize; }
            public int bufferSize() { return bufferSize; }
            public Optional<String> spillFile() { return Optional.of(spill.toString()); }
            public String defaultZone() { return "Europe/Paris"; }
            public Duration todayRefresh() { return Duration.ofSeconds(2); }
        };
    }

    private static CallFacts facts(int i) {
        Instant at = Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i);
        return new CallFacts("call-" + i, "ecoute", LocalDate.of(2026, 11, 24), at, null, null, null, null, null,
                CallOutcome.CLOSED, null, "pseudonym-" + i, "2026-11", at, false, null, null, null);
    }

    private static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Test
    void withTheDatabaseUpFactsAreWrittenInBatches(@TempDir Path dir) {
        FlakyStore store = new FlakyStore();
        JournalWriter writer = new JournalWriter(store, config(dir.resolve("spill.jsonl"), 100, 2), json());
        for (int i = 0; i < 5; i++) {
            writer.submit(facts(i));
        }
        assertTrue(writer.flush());
        assertEquals(5, store.written.size());
        assertFalse(writer.spillPending());
    }

    @Test
    void beyondTheBufferAndWhileTheDatabaseIsDownFactsWaitOnDiskAndNoneIsLost(@TempDir Path dir) throws Exception {
        Path spill = dir.resolve("data").resolve("spill.jsonl");
        FlakyStore store = new FlakyStore();
        store.script.add(false);
        JournalWriter writer = new JournalWriter(store, config(spill, 2, 2), json());
        for (int i = 0; i < 5; i++) {
            writer.submit(facts(i));
        }
        assertEquals(2, writer.buffered(), "the buffer is bounded");
        assertTrue(Files.exists(spill), "the overflow went to disk at once");

        assertFalse(writer.flush());
        assertTrue(writer.databaseDown());
        assertEquals(0, writer.buffered());
        // The file being replayed when the write failed stays aside; the buffer went to a fresh spill file.
        Path replaying = spill.resolveSibling("spill.jsonl.replay");
        assertEquals(5, Files.readAllLines(spill, StandardCharsets.UTF_8).size()
                + Files.readAllLines(replaying, StandardCharsets.UTF_8).size());
        assertTrue((Files.readString(spill) + Files.readString(replaying)).contains("\"callerPseudonym\":\"pseudonym-3\""));

        assertTrue(writer.flush());
        assertFalse(writer.databaseDown());
        assertEquals(List.of("call-0", "call-1", "call-2", "call-3", "call-4"),
                store.written.stream().map(CallFacts::callId).sorted().toList());
        assertEquals(facts(3), store.written.stream().filter(f -> f.callId().equals("call-3")).findFirst().orElseThrow(),
                "facts survive the round trip through the file unchanged");
        assertFalse(writer.spillPending());
    }

    @Test
    void aReplayCutShortIsReplayedInFullLater(@TempDir Path dir) {
        FlakyStore store = new FlakyStore();
        JournalWriter writer = new JournalWriter(store, config(dir.resolve("spill.jsonl"), 100, 2), json());
        for (int i = 0; i < 4; i++) {
            writer.submit(facts(i));
        }
        store.script.add(false);
        assertFalse(writer.flush());
        assertTrue(store.written.isEmpty());

        store.script.addAll(List.of(true, false)); // the replay's first batch passes, the second fails
        assertFalse(writer.flush());
        assertEquals(2, store.written.size());
        assertTrue(writer.spillPending(), "what was not confirmed stays on disk");

        assertTrue(writer.flush());
        assertEquals(List.of("call-0", "call-1", "call-2", "call-3"),
                store.written.stream().map(CallFacts::callId).distinct().sorted().toList(),
                "every fact arrives; those written twice merge idempotently in the database");
        assertFalse(writer.spillPending());
    }
}
