package org.helpline.router.calls.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Asterisk 22 (built by {@code scripts/build-asterisk}) running a copy of {@code asterisk-config/} with
 * only the README's site edits: the service's FastAGI address, the AMI secret, the trunk's address, the
 * listeners' passwords, one queue per line. Everything binds to the run's loopback addresses. Two things are
 * added for the test's own eyes only: an AMI user that reads dialplan events (what the caller hears), and the
 * listener phones of the suite.
 */
public final class AsteriskUnderTest implements AutoCloseable {

    public static final String OBSERVER_USER = "suite-observer";
    public static final String OBSERVER_SECRET = "suite-observer-secret-0123456789";

    private final Path home;
    private final Path run;
    private final AddressPlan plan;
    private Process process;

    private AsteriskUnderTest(Path home, Path run, AddressPlan plan) {
        this.home = home;
        this.run = run;
        this.plan = plan;
    }

    /**
     * Prepares a private instance under {@code run}.
     *
     * @param home        the installation prefix (…/asterisk-22.10.1)
     * @param config      the repository's {@code asterisk-config/}
     * @param agiAddress  host:port of the service's FastAGI server
     * @param agiBackup   host:port of a second instance, or empty
     * @param amiSecret   the AMI secret both sides share
     * @param listeners   the listener phones' usernames and passwords
     * @param queues      the queues to declare, one per suite line
     */
    public static AsteriskUnderTest prepare(Path home, Path config, Path run, AddressPlan plan, String agiAddress,
                                            String agiBackup, String amiSecret, Path messagesDir,
                                            List<SipAccount> listeners, List<String> queues) throws IOException {
        Path etc = run.resolve("etc");
        Files.createDirectories(etc);
        try (Stream<Path> files = Files.list(config)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
                Files.copy(f, etc.resolve(f.getFileName()));
            }
        }
        for (String dir : List.of("varlib", "spool", "run", "log", "data/sounds", "varlib/keys")) {
            Files.createDirectories(run.resolve(dir));
        }
        linkSounds(home, config, run.resolve("data"));
        write(etc.resolve("asterisk.conf"), """
                [directories]
                astetcdir => %1$s/etc
                astmoddir => %2$s/lib/asterisk/modules
                astvarlibdir => %1$s/varlib
                astdbdir => %1$s/varlib
                astkeydir => %1$s/varlib
                astdatadir => %1$s/data
                astagidir => %1$s/data/agi-bin
                astspooldir => %1$s/spool
                astrundir => %1$s/run
                astlogdir => %1$s/log
                astsbindir => %2$s/sbin
                [options]
                """.formatted(run.toAbsolutePath(), home.toAbsolutePath()));

        // The README's site edits.
        edit(etc.resolve("helpline-site.conf"), List.of(
                new String[] {"(?m)^HELPLINE_AGI = .*$", "HELPLINE_AGI = " + agiAddress},
                new String[] {"(?m)^HELPLINE_AGI_BACKUP =.*$", "HELPLINE_AGI_BACKUP = " + agiBackup},
                new String[] {"(?m)^HELPLINE_MESSAGES_DIR = .*$", "HELPLINE_MESSAGES_DIR = " + messagesDir.toAbsolutePath()},
                new String[] {"(?m)^secret = .*$", "secret = " + amiSecret}));
        edit(etc.resolve("pjsip.conf"), List.of(
                new String[] {"bind = 0\\.0\\.0\\.0:5060", "bind = " + plan.asterisk() + ":" + plan.sipPort()},
                new String[] {"192\\.0\\.2\\.10", plan.trunk()},
                new String[] {"CHANGE-ME-listener1-password", "suite-listener1-password"},
                new String[] {"CHANGE-ME-listener2-password", "suite-listener2-password"}));
        StringBuilder phones = new StringBuilder("\n; --- the call suite's listener phones\n");
        for (SipAccount l : listeners) {
            phones.append("""
                    [%1$s](listener-endpoint)
                    auth = %1$s
                    aors = %1$s
                    callerid = %1$s <%1$s>

                    [%1$s](listener-auth)
                    username = %1$s
                    password = %2$s

                    [%1$s](listener-aor)

                    """.formatted(l.username(), l.password()));
        }
        Files.writeString(etc.resolve("pjsip.conf"), phones, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        StringBuilder lines = new StringBuilder("\n; --- one queue per suite line\n");
        queues.forEach(q -> lines.append("[").append(q).append("](helpline-queue)\n")
                .append(q.equals(queues.get(queues.size() - 1)) ? "autopause = no\n\n" : "\n"));
        Files.writeString(etc.resolve("queues.conf"), lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        // Test-only: AMI on the run's address, and an observer that sees the dialplan run.
        edit(etc.resolve("manager.conf"), List.<String[]>of(
                new String[] {"(?m)^bindaddr = 127\\.0\\.0\\.1$", "bindaddr = " + plan.asterisk()}));
        Files.writeString(etc.resolve("manager.conf"), """

                ; --- test only: the call suite's observer (what the caller hears = dialplan events)
                [%s]
                secret = %s
                deny = 0.0.0.0/0.0.0.0
                permit = 127.0.0.0/255.0.0.0
                read = system,call,agent,dialplan,user,reporting
                write = system,reporting
                """.formatted(OBSERVER_USER, OBSERVER_SECRET), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        return new AsteriskUnderTest(home, run, plan);
    }

    /** Starts Asterisk in the foreground as a child and waits until it is fully booted. */
    public void start() throws IOException, InterruptedException {
        Path console = run.resolve("log/console.out");
        process = new ProcessBuilder(home.resolve("sbin/asterisk").toString(), "-C", conf(), "-f", "-n")
                .directory(run.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Asterisk exited at start (exit " + process.exitValue()
                        + "); see " + console);
            }
            if (cli("core waitfullybooted").contains("fully booted")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Asterisk did not boot within 60 s; see " + console);
    }

    /** Stops Asterisk at once (calls in progress are cut) and waits for the process. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        cli("core stop now");
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** Runs one CLI command on the running instance and returns what it printed. */
    public String cli(String command) {
        try {
            Process p = new ProcessBuilder(home.resolve("sbin/asterisk").toString(), "-C", conf(), "-rx", command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public AddressPlan plan() {
        return plan;
    }

    /** Every file Asterisk wrote of its own: logs, queue_log, the console, the astdb. */
    public List<Path> writtenFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("log", "varlib", "spool")) {
            try (Stream<Path> walk = Files.walk(run.resolve(dir))) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    public Path logDirectory() {
        return run.resolve("log");
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private String conf() {
        return run.resolve("etc/asterisk.conf").toAbsolutePath().toString();
    }

    /** Debian's core sounds and music on hold, plus the project's prompts, where astdatadir expects them. */
    private static void linkSounds(Path home, Path config, Path data) throws IOException {
        Files.createSymbolicLink(data.resolve("documentation"),
                home.resolve("var/lib/asterisk/documentation").toAbsolutePath());
        Files.createSymbolicLink(data.resolve("moh"), Path.of("/usr/share/asterisk/moh"));
        for (String lang : List.of("fr", "en")) {
            Path dir = Files.createDirectories(data.resolve("sounds").resolve(lang));
            Path system = Path.of("/usr/share/asterisk/sounds").resolve(lang);
            if (Files.isDirectory(system)) {
                try (Stream<Path> entries = Files.list(system)) {
                    for (Path e : entries.toList()) {
                        Files.createSymbolicLink(dir.resolve(e.getFileName()), e.toRealPath());
                    }
                }
            }
            Files.createSymbolicLink(dir.resolve("helpline"), config.resolve("sounds").resolve(lang).resolve("helpline")
                    .toAbsolutePath());
        }
    }

    private static void edit(Path file, List<String[]> replacements) throws IOException {
        String text = Files.readString(file);
        for (String[] r : replacements) {
            String edited = text.replaceAll(r[0], java.util.regex.Matcher.quoteReplacement(r[1]));
            if (edited.equals(text) && !text.contains(r[1])) {
                throw new IllegalStateException(file.getFileName() + ": no site value matches " + r[0]);
            }
            text = edited;
        }
        Files.writeString(file, text);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A SIP account of a listener phone. */
    public record SipAccount(String username, String password) {
    }
}
