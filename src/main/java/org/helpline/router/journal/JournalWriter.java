package org.helpline.router.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.helpline.router.platform.EmbeddedDatabase;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Buffers call facts in memory and writes them to PostgreSQL in batches, off the caller's path. When a write
 * fails the batch goes to the {@link SpillFile}, as does anything beyond the bounded buffer; the spill file
 * is replayed first once the database answers again. Facts merge idempotently, so a fact written twice
 * (a replay cut short) does no harm: nothing is lost and nothing is doubled.
 */
@ApplicationScoped
public class JournalWriter {

    private static final Logger LOG = Logger.getLogger(JournalWriter.class);

    private final CallRecordStore store;
    private final SpillFile spill;
    private final BlockingQueue<CallFacts> buffer;
    private final int batchSize;
    private volatile boolean databaseDown;

    @Inject
    JournalWriter(CallRecordStore store, JournalConfig config, ObjectMapper json) {
        this.store = store;
        this.spill = new SpillFile(config.spillFile().map(Path::of)
                .orElse(EmbeddedDatabase.dataDirectory().resolve("journal-spill.jsonl")), json);
        this.buffer = new ArrayBlockingQueue<>(Math.max(1, config.bufferSize()));
        this.batchSize = Math.max(1, config.batchSize());
    }

    /** Queues facts for writing; never blocks on the database. Beyond the buffer's bound they go to disk. */
    public void submit(CallFacts facts) {
        if (!buffer.offer(facts)) {
            try {
                spill.append(List.of(facts));
            } catch (RuntimeException e) {
                // SpillFile has logged it; the caller of an event must never fail because of the journal.
            }
        }
    }

    @Scheduled(every = "${helpline.journal.flush-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        flush();
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
        if (!buffer.isEmpty()) {
            spillBuffer();
        }
    }

    /**
     * Writes what waits on disk, then what waits in memory. Returns true when everything reached the database;
     * on a database failure the buffered facts are moved to the spill file and false is returned.
     */
    public synchronized boolean flush() {
        try {
            // A replay cut short leaves its file aside while newer facts went to a fresh spill file: both are
            // replayed, the older first. The bound only guards against a spill file refilled as fast as it empties.
            for (int round = 0; round < 8 && spill.hasPending(); round++) {
                List<CallFacts> pending = spill.takeForReplay();
                writeInBatches(pending);
                spill.replayed();
                LOG.infof("Journal: %d call records written from the spill file", pending.size());
            }
            while (!buffer.isEmpty()) {
                List<CallFacts> batch = new ArrayList<>(batchSize);
                buffer.drainTo(batch, batchSize);
                try {
                    store.write(batch);
                } catch (SQLException | RuntimeException e) {
                    spill.append(batch);
                    throw e;
                }
            }
            if (databaseDown) {
                databaseDown = false;
                LOG.info("Journal: the database is reachable again; no call record was lost");
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            spillBuffer();
            if (!databaseDown) {
                databaseDown = true;
                LOG.warnf("Journal: the database cannot be written (%s); call records go to %s until it returns",
                        e.getMessage(), spill.path());
            }
            return false;
        }
    }

    /** Whether the last flush failed to reach the database. */
    public boolean databaseDown() {
        return databaseDown;
    }

    /** Facts waiting in memory (not those on disk). */
    public int buffered() {
        return buffer.size();
    }

    /** Whether facts wait in the spill file. */
    public boolean spillPending() {
        return spill.hasPending();
    }

    private void writeInBatches(List<CallFacts> facts) throws SQLException {
        for (int from = 0; from < facts.size(); from += batchSize) {
            store.write(facts.subList(from, Math.min(facts.size(), from + batchSize)));
        }
    }

    private void spillBuffer() {
        List<CallFacts> rest = new ArrayList<>();
        buffer.drainTo(rest);
        spill.append(rest);
    }
}
