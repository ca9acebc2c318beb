package org.helpline.router.platform;

import org.jboss.logging.Logger;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server that a previous run of the service left behind on the same data directory: after
 * {@code kill -9} of the JVM the postmaster it started keeps running (and holds {@code postmaster.pid}), so a
 * new start would fail. Before the embedded server starts, this finds such a server and stops it with a fast
 * shutdown (SIGINT: open transactions roll back, everything committed is on disk), escalating to an immediate
 * shutdown (SIGQUIT: crash recovery at the next start) only if it does not stop in time.
 * <p>
 * It is "left behind" only if all of these hold: {@code postmaster.pid} names a live process; that process is a
 * {@code postgres} whose working directory is this data directory (PostgreSQL changes into its data directory
 * at start); and no other process holds the embedded server's lock file {@code epg-lock} (a running service
 * holds it as long as it lives). A data directory a running service still uses is refused, never taken over.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = Logger.getLogger(LeftoverPostmaster.class);
    static final String LOCK_FILE = "epg-lock";

    private LeftoverPostmaster() {
    }

    /** Stops the server left on {@code dataDir} by a dead service, if any; returns whether one was stopped. */
    static boolean stopIfLeft(Path dataDir, Duration fastShutdownWait) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        Optional<ProcessHandle> process = postmaster(pidFile);
        if (process.isEmpty()) {
            return false;
        }
        if (!isPostgresOn(process.get(), dataDir)) {
            // The pid was reused by another program (after a reboot, say): PostgreSQL would refuse to start
            // while its lock file names a live process, and no server of ours holds this directory.
            LOG.warnf("Removing the stale %s: process %d is not a PostgreSQL server of this data directory",
                    pidFile, process.get().pid());
            Files.deleteIfExists(pidFile);
            return false;
        }
        if (heldByLiveService(dataDir)) {
            throw new IllegalStateException("The embedded database in " + dataDir.toAbsolutePath()
                    + " is in use by another running helpline-router (PostgreSQL pid " + process.get().pid()
                    + "); stop it first, or give this instance its own HELPLINE_DATA_DIR");
        }
        long pid = process.get().pid();
        LOG.warnf("A PostgreSQL server (pid %d) left by a previous run of this data directory is still running "
                + "(the service was killed); stopping it with a fast shutdown", pid);
        signal(pid, "INT");
        if (!awaitExit(process.get(), fastShutdownWait)) {
            LOG.warnf("PostgreSQL pid %d did not stop within %s; immediate shutdown (recovery at next start)",
                    pid, fastShutdownWait);
            signal(pid, "QUIT");
            if (!awaitExit(process.get(), fastShutdownWait)) {
                throw new IllegalStateException("Could not stop the PostgreSQL server (pid " + pid
                        + ") left on " + dataDir.toAbsolutePath());
            }
        }
        LOG.infof("The PostgreSQL server left by the previous run (pid %d) has stopped", pid);
        return true;
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isPostgresOn(ProcessHandle process, Path dataDir) {
        boolean postgres = process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
        if (!postgres) {
            return false;
        }
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
            return cwd.equals(dataDir.toRealPath());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Whether a live process holds the lock every running embedded server keeps on its data directory. */
    private static boolean heldByLiveService(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileOutputStream out = new FileOutputStream(lockFile.toFile(), true);
             FileLock lock = out.getChannel().tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException sameJvm) {
            return true;
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PostgreSQL", e);
        }
    }

    /** Polls (this runs once, at start-up): a zombie nobody has reaped yet counts as stopped. */
    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (stopped(process)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return stopped(process);
    }

    private static boolean stopped(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "pid (comm) S ...": the state follows the last ')'.
            int end = stat.lastIndexOf(')');
            return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }
}
