package org.helpline.router.calls.rig;

import org.helpline.router.calls.rig.AsteriskUnderTest.SipAccount;
import org.helpline.router.calls.rig.Sipp.SipPhone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One real platform for the whole call suite: a real Asterisk 22 with the project's configuration, the packaged
 * service with its embedded PostgreSQL, SIPp for callers, phones and the crisis line, an AMI observer. Built once,
 * on first use, under {@code target/calls/}; {@link #unavailable()} says why it cannot be (no Asterisk build, no
 * packaged service), so the suite can skip with that reason.
 */
public final class CallRig implements AutoCloseable {

    public static final String ASTERISK_VERSION = "22.10.1";
    public static final String SIPP_VERSION = "3.7.7";
    /** The number the crisis line refuses (the network turns the transfer down). */
    public static final String REFUSED_CRISIS_NUMBER = "3999";
    public static final String AMI_SECRET = "suite-ami-secret-0123456789abcdef";
    private static final int PHONES = 14;
    private static final int QUEUES = 25;

    private static CallRig instance;

    public final AddressPlan plan;
    public final Path runDir;
    public final AsteriskUnderTest asterisk;
    public final ServiceUnderTest service;
    /** A second instance of the service (not running unless a scenario starts it), Asterisk's HELPLINE_AGI_BACKUP. */
    public final ServiceUnderTest second;
    public final AmiObserver observer;
    public final Sipp sipp;
    public final JournalRows journal;
    public final Sipp.Run crisisLine;
    private final List<SipPhone> phones;
    private final java.util.concurrent.atomic.AtomicInteger nextPhone = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger nextQueue = new java.util.concurrent.atomic.AtomicInteger();

    private CallRig(Path cache, Path jar, Path repository) throws IOException, InterruptedException {
        this.plan = AddressPlan.pick();
        this.runDir = Files.createDirectories(repository.resolve("target/calls/run-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        Path messages = Files.createDirectories(runDir.resolve("messages"));
        this.phones = IntStream.rangeClosed(1, PHONES).mapToObj(i -> new SipPhone("suite-l%02d".formatted(i),
                "suite-phone-password-%02d".formatted(i), plan.listener(i), 5070)).toList();
        // One queue per suite line, as a site declares one per line, and two whose listeners are not paused by
        // Asterisk after a ring-out (autopause = no), a site's choice some associations make.
        List<String> queues = new ArrayList<>(IntStream.rangeClosed(1, QUEUES).mapToObj("suite-q%02d"::formatted).toList());
        queues.addAll(List.of("suite-nopause1", "suite-nopause2"));
        this.service = new ServiceUnderTest(jar, runDir.resolve("service-data"), runDir.resolve("service.log"), plan,
                AMI_SECRET, messages, Map.of(
                        "HELPLINE_SIP_ACCOUNTS_FILE", AsteriskUnderTest.accountsFile(runDir.resolve("asterisk")).toString(),
                        "HELPLINE_SIP_PUBLIC_HOST", plan.asterisk(),
                        "HELPLINE_SIP_PUBLIC_PORT", Integer.toString(plan.sipPort()),
                        "HELPLINE_MESSAGES_SYNC_INTERVAL", "1h"));
        this.second = new ServiceUnderTest(jar, runDir.resolve("second-service-data"), runDir.resolve("second-service.log"),
                plan, AMI_SECRET, messages, Map.of("HELPLINE_SIP_ACCOUNTS_FILE",
                        AsteriskUnderTest.accountsFile(runDir.resolve("asterisk")).toString(),
                        "HELPLINE_MESSAGES_SYNC_INTERVAL", "1h"));
        this.asterisk = AsteriskUnderTest.prepare(cache.resolve("asterisk-" + ASTERISK_VERSION),
                repository.resolve("asterisk-config"), runDir.resolve("asterisk"), plan, service.agiAddress(),
                second.agiAddress(),
                AMI_SECRET, messages, phones.stream().map(p -> new SipAccount(p.username(), p.password())).toList(),
                queues);
        asterisk.start();
        this.observer = new AmiObserver(plan.asterisk(), plan.amiPort());
        service.start();
        this.sipp = new Sipp(cache.resolve("sipp-" + SIPP_VERSION), runDir.resolve("sipp"), plan);
        this.journal = new JournalRows(service);
        this.crisisLine = sipp.crisisLine(REFUSED_CRISIS_NUMBER);
        warmUp();
    }

    /**
     * A few calls to a number no line owns before the scenarios, as a platform has taken calls before its busy
     * hour: the service's route path is compiled by the JIT, Asterisk's modules have run once.
     */
    private void warmUp() throws IOException, InterruptedException {
        List<String> callers = IntStream.range(0, 5).mapToObj(i -> "0690000" + String.format("%03d", i)).toList();
        Sipp.Run run = sipp.calls("0800999990", callers, 5, Sipp.CallerScript.hangUpAfter(java.time.Duration.ofSeconds(2)));
        run.await(java.time.Duration.ofSeconds(30));
        signInOnce();
    }

    /**
     * One request with the operator's credentials before the scenarios: the service then remembers the password
     * check (helpline.accounts.login-cache-ttl). Otherwise the side-by-side scenarios' first requests, a few
     * hundred milliseconds apart, each wait for a bcrypt check on the service's single low-priority thread, and
     * on a loaded machine its queue of four fills: 503 password-checks-busy, as documented, for an operator's
     * very first requests.
     */
    private void signInOnce() {
        service.api().get("/api/lines").then().statusCode(200);
    }

    /** The caller numbers of the warm-up calls, for the privacy scan. */
    public static List<String> warmUpCallersE164() {
        return IntStream.range(0, 5).mapToObj(i -> "+33690000" + String.format("%03d", i)).toList();
    }

    /** The platform, started on first call; throws when it cannot be (see {@link #unavailable()}). */
    public static synchronized CallRig get() throws IOException, InterruptedException {
        if (instance == null) {
            Optional<String> why = unavailable();
            if (why.isPresent()) {
                throw new IllegalStateException(why.get());
            }
            instance = new CallRig(cache(), repository().resolve("target/quarkus-app/quarkus-run.jar"), repository());
            CallRig rig = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    rig.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
        }
        return instance;
    }

    /** Why the platform cannot run here, or empty when it can. */
    public static Optional<String> unavailable() {
        Path cache = cache();
        if (!Files.exists(cache.resolve("asterisk-" + ASTERISK_VERSION + "/.complete"))
                || !Files.exists(cache.resolve("sipp-" + SIPP_VERSION + "/.complete"))) {
            return Optional.of("no Asterisk " + ASTERISK_VERSION + " / SIPp " + SIPP_VERSION + " build in " + cache
                    + " (run scripts/build-asterisk)");
        }
        if (!Files.exists(repository().resolve("target/quarkus-app/quarkus-run.jar"))) {
            return Optional.of("the service is not packaged (target/quarkus-app/quarkus-run.jar)");
        }
        return Optional.empty();
    }

    /** A listener phone of its own for a scenario (each has its endpoint, address and account). */
    public SipPhone phone() {
        int n = nextPhone.getAndIncrement();
        if (n >= phones.size()) {
            throw new IllegalStateException("the suite has only " + phones.size() + " phones");
        }
        return phones.get(n);
    }

    /** A queue with no autopause (see the constructor): the first or the second. */
    public String queueWithoutAutopause(int which) {
        return "suite-nopause" + which;
    }

    /** A queue of its own for a scenario's line. */
    public String queue() {
        int n = nextQueue.incrementAndGet();
        if (n > QUEUES) {
            throw new IllegalStateException("the suite declares only " + QUEUES + " queues");
        }
        return "suite-q%02d".formatted(n);
    }

    /** Every listener phone of the suite. */
    public List<SipPhone> phones() {
        return new ArrayList<>(phones);
    }

    @Override
    public void close() throws Exception {
        sipp.stopAll();
        observer.close();
        second.close();
        service.close();
        asterisk.close();
    }

    static Path cache() {
        String configured = System.getProperty("helpline.asterisk.cache", System.getenv("HELPLINE_ASTERISK_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("helpline-router");
    }

    static Path repository() {
        return Path.of(System.getProperty("helpline.repository", ".")).toAbsolutePath().normalize();
    }
}
