package org.helpline.router.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The local file where call facts wait while PostgreSQL is unreachable: one JSON object per line, holding
 * exactly what the database would (pseudonyms, never numbers), readable by the owner only. Replaying moves
 * the file aside first, so facts spilled during a replay are kept for the next one.
 */
final class SpillFile {

    private static final Logger LOG = Logger.getLogger(SpillFile.class);

    private final Path file;
    private final Path replaying;
    private final ObjectMapper json;

    SpillFile(Path file, ObjectMapper json) {
        this.file = file.toAbsolutePath();
        this.replaying = this.file.resolveSibling(this.file.getFileName() + ".replay");
        this.json = json;
    }

    Path path() {
        return file;
    }

    /** Appends facts durably (forced to disk before returning). */
    synchronized void append(List<CallFacts> facts) {
        if (facts.isEmpty()) {
            return;
        }
        try {
            createIfMissing(file);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC)) {
                for (CallFacts f : facts) {
                    out.write(json.writeValueAsString(f));
                    out.newLine();
                }
            }
        } catch (IOException e) {
            // The last resort failed too: say how many records are lost, never what they held.
            LOG.errorf("Could not spill %d call records to %s: %s", facts.size(), file, e.getMessage());
            throw new UncheckedIOException(e);
        }
    }

    /** Whether facts wait on disk. */
    synchronized boolean hasPending() {
        return Files.exists(replaying) || Files.exists(file);
    }

    /**
     * The facts to replay: those left by an interrupted replay, else the spill file's, moved aside. Call
     * {@link #replayed()} once they are in the database; until then they stay on disk.
     */
    synchronized List<CallFacts> takeForReplay() {
        try {
            if (!Files.exists(replaying)) {
                if (!Files.exists(file)) {
                    return List.of();
                }
                Files.move(file, replaying, StandardCopyOption.ATOMIC_MOVE);
            }
            List<CallFacts> facts = new ArrayList<>();
            for (String line : Files.readAllLines(replaying, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    facts.add(json.readValue(line, CallFacts.class));
                } catch (JsonProcessingException e) {
                    LOG.warnf("Skipped an unreadable line of %s (a write cut short by a crash?)", replaying);
                }
            }
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facts taken for replay are in the database: forget them. */
    synchronized void replayed() {
        try {
            Files.deleteIfExists(replaying);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createIfMissing(Path path) throws IOException {
        if (Files.exists(path)) {
            return;
        }
        Files.createDirectories(path.getParent());
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
        }
    }
}
