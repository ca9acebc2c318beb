package org.helpline.router.messages;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.helpline.router.lines.LineDeleted;
import org.helpline.router.lines.LineMessage;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder Asterisk plays the lines' own messages from, {@code <folder>/<line>/<language>/<name>.wav}, kept
 * equal to the {@code line_message} table: written when a recording is uploaded, deleted when it is reverted or
 * its line deleted (after the transaction commits), and reconciled with the database at start and every
 * {@link MessagesConfig#syncInterval()}, which rewrites missing or altered files and removes files of no stored
 * recording, so that several instances (each with its own folder, or one shared volume) converge. Call routing
 * never touches it: the dialplan reads the files, and falls back to the generic prompt when one is missing.
 */
@ApplicationScoped
public class MessageFolder {

    private static final Logger LOG = Logger.getLogger(MessageFolder.class);
    /** Files changed this recently may belong to a change the reconcile's snapshot does not know yet. */
    private static final long RECENT_MILLIS = 5_000;

    private final Path root;
    /** Files known to hold a given digest, by path: "sha256 size modified-time", so unchanged files are not re-read. */
    private final Map<Path, String> checked = new HashMap<>();

    MessageFolder(MessagesConfig config) {
        this.root = config.folder().toAbsolutePath().normalize();
    }

    /** The folder's root, as Asterisk's {@code HELPLINE_MESSAGES_DIR} must name it. */
    public Path root() {
        return root;
    }

    /** Where one message's file is (whether or not it exists). */
    public Path file(String line, String language, String name) {
        Path file = root.resolve(line).resolve(language).resolve(name + ".wav").normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("outside the messages folder");
        }
        return file;
    }

    void onStart(@Observes StartupEvent event) {
        reconcileQuietly();
    }

    /** Every {@link MessagesConfig#syncInterval()}, the first one interval after the start's. */
    @Scheduled(every = "${helpline.messages.sync-interval:60s}", delayed = "${helpline.messages.sync-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodicReconcile() {
        reconcileQuietly();
    }

    void onLineDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) LineDeleted deleted) {
        Path folder = root.resolve(deleted.code()).normalize();
        if (!folder.startsWith(root) || folder.equals(root)) {
            return;
        }
        synchronized (this) {
            try {
                MessageFiles.deleteTree(folder);
                checked.keySet().removeIf(p -> p.startsWith(folder));
            } catch (IOException e) {
                LOG.warnf("The messages of deleted line %s could not all be removed now (%s); the next reconcile will",
                        deleted.code(), e.getMessage());
            }
        }
    }

    /** Writes one message's file; a failure is logged and left to the next reconcile. */
    public synchronized void write(String line, String language, String name, byte[] wav, String sha256) {
        Path file = file(line, language, name);
        try {
            MessageFiles.write(root, file, wav);
            checked.put(file, fingerprint(sha256, file));
        } catch (IOException e) {
            LOG.warnf("Could not write %s (%s): the generic prompt plays until the next reconcile", file, e.getMessage());
        }
    }

    /** Deletes one message's file; a failure is logged and left to the next reconcile. */
    public synchronized void delete(String line, String language, String name) {
        Path file = file(line, language, name);
        try {
            MessageFiles.delete(root, file);
            checked.remove(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s (%s); the next reconcile will", file, e.getMessage());
        }
    }

    /** Reconciles, logging instead of failing (the database may be unreachable for a while). */
    public void reconcileQuietly() {
        try {
            Reconciled done = reconcile();
            if (done.written() + done.removed() > 0) {
                LOG.infof("Messages folder %s: %d file(s) written, %d removed", root, done.written(), done.removed());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Messages folder %s not reconciled now (%s); it is retried every sync interval", root,
                    e.getMessage());
        }
    }

    /** What one reconcile changed. */
    public record Reconciled(int written, int removed) {
    }

    /** Makes the folder hold exactly the stored recordings. */
    public Reconciled reconcile() {
        Instant snapshotAt = Instant.now();
        List<LineMessage.Summary> stored = QuarkusTransaction.requiringNew().call(() -> LineMessage.summaries(null));
        Map<Path, LineMessage.Summary> expected = new HashMap<>();
        stored.forEach(m -> expected.put(file(m.lineCode(), m.language(), m.name()), m));
        int written = 0;
        synchronized (this) {
            try {
                MessageFiles.folder(root, root);
                for (Map.Entry<Path, LineMessage.Summary> e : expected.entrySet()) {
                    if (!holds(e.getKey(), e.getValue().sha256()) && rewrite(e.getKey(), e.getValue())) {
                        written++;
                    }
                }
                return new Reconciled(written, removeUnexpected(expected, snapshotAt));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private boolean holds(Path file, String sha256) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (fingerprint(sha256, file).equals(checked.get(file))) {
            return true;
        }
        if (TelephoneAudio.sha256(Files.readAllBytes(file)).equals(sha256)) {
            checked.put(file, fingerprint(sha256, file));
            return true;
        }
        return false;
    }

    /** Writes the recording as the database holds it now (it may have changed, or gone, since the snapshot). */
    private boolean rewrite(Path file, LineMessage.Summary summary) throws IOException {
        Optional<byte[]> audio = QuarkusTransaction.requiringNew().call(() ->
                LineMessage.<LineMessage>findByIdOptional(summary.id()).map(m -> m.audio));
        if (audio.isEmpty()) {
            return false;
        }
        MessageFiles.write(root, file, audio.get());
        checked.put(file, fingerprint(TelephoneAudio.sha256(audio.get()), file));
        return true;
    }

    private int removeUnexpected(Map<Path, LineMessage.Summary> expected, Instant snapshotAt) throws IOException {
        long cutoff = snapshotAt.toEpochMilli() - RECENT_MILLIS;
        List<Path> unexpected;
        try (Stream<Path> files = Files.walk(root)) {
            unexpected = files.filter(p -> !Files.isDirectory(p) && !expected.containsKey(p)).toList();
        }
        int removed = 0;
        for (Path p : unexpected) {
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (attributes.lastModifiedTime().toMillis() < cutoff && MessageFiles.delete(root, p)) {
                checked.remove(p);
                removed++;
            }
        }
        return removed;
    }

    private static String fingerprint(String sha256, Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return sha256 + " " + a.size() + " " + a.lastModifiedTime().toMillis();
    }
}
