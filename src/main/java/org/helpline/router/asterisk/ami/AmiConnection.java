package org.helpline.router.asterisk.ami;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.listeners.SipAccountSync;
import org.helpline.router.supervision.QueueEvent;
import org.helpline.router.supervision.QueueEventIntake;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The service's one link to Asterisk's Manager Interface. Start-up never waits for it: a background thread
 * connects, logs in, resynchronises every queue, then pings; any failure closes the session and it tries
 * again after a capped back-off, for as long as the service runs; a refused login (a wrong secret, which
 * fills Asterisk's security log) waits minutes instead of seconds, doubling to a cap. Each change of state is
 * logged once (a refused login as an ERROR), not every attempt. Events are handed from the reader thread to a
 * single worker through a bounded queue; an overflow forces a reconnect, hence a full resync. A loss of live
 * state is signalled to supervision at once, before the queued events drain. After each
 * resync the listeners' SIP accounts are reconciled ({@link SipAccountSync}, on its own thread). The link's state
 * and incidents are meters ({@link AmiLinkMeters}).
 */
@ApplicationScoped
public class AmiConnection {

    private static final Logger LOG = Logger.getLogger(AmiConnection.class);

    private final AmiConfig config;
    private final AmiEventTranslator translator;
    private final QueueEventIntake intake;
    private final AmiSipEvents sipEvents;
    private final SipAccountSync sipAccounts;
    private final Clock clock;
    private volatile ThreadPoolExecutor worker;
    private volatile AmiSession session;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Instant since;
    private final AmiLinkStatus status;
    private final AmiLinkMeters meters;
    /** The session an overflow already dropped: later rejections before it closes count as drops only. */
    private volatile AmiSession overflowed;
    private Thread linkThread;

    AmiConnection(AmiConfig config, AmiEventTranslator translator, QueueEventIntake intake, AmiSipEvents sipEvents,
                  SipAccountSync sipAccounts, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.translator = translator;
        this.intake = intake;
        this.sipEvents = sipEvents;
        this.sipAccounts = sipAccounts;
        this.clock = clock;
        this.status = new AmiLinkStatus(config);
        this.meters = new AmiLinkMeters(registry);
        meters.watch(registry, this::connected, this::state, this::eventsQueued);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("AMI disabled: live queue state stays unknown");
            return;
        }
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.eventQueueCapacity()),
                r -> daemon(r, "ami-events"), new ThreadPoolExecutor.AbortPolicy());
        running = true;
        linkThread = daemon(this::keepLinked, "ami-link");
        linkThread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        AmiSession s = session;
        if (s != null) {
            s.close();
        }
        if (linkThread != null) {
            linkThread.interrupt();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** Whether the link is logged in and resynchronised. */
    public boolean connected() {
        return connected;
    }

    /** What the link is doing now, in words for the readiness check ("login refused"...). */
    public AmiLinkState state() {
        return status.state();
    }

    /** When the next connection attempt is due while the link is down; null otherwise. */
    public Instant retryAt() {
        return status.retryAt();
    }

    /** Events handed off the reader thread and not yet applied. */
    int eventsQueued() {
        ThreadPoolExecutor w = worker;
        return w == null ? 0 : w.getQueue().size();
    }

    /** When the link last came up or went down. */
    public Instant since() {
        return since;
    }

    /** Sends an action and waits (within the response timeout) for its response. */
    AmiMessage execute(Map<String, String> action) {
        AmiSession s = session;
        if (!connected || s == null) {
            throw new AmiUnavailable("not connected to Asterisk");
        }
        java.util.concurrent.CompletableFuture<AmiMessage> response = s.send(action);
        try {
            return response.get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            response.cancel(false); // forgets the pending action
            throw new AmiUnavailable("no response from Asterisk");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmiUnavailable("interrupted");
        } catch (Exception e) {
            throw new AmiUnavailable("no response from Asterisk");
        }
    }

    /** Sends an action answered by an event list and waits (within the response timeout) for the whole list. */
    List<AmiMessage> executeList(Map<String, String> action) {
        AmiSession s = session;
        if (!connected || s == null) {
            throw new AmiUnavailable("not connected to Asterisk");
        }
        java.util.concurrent.CompletableFuture<List<AmiMessage>> list = s.sendList(action, items -> { });
        try {
            return list.get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AmiSession.AmiActionFailed refused) {
                throw refused;
            }
            throw new AmiUnavailable("no response from Asterisk");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AmiUnavailable("no response from Asterisk");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmiUnavailable("interrupted");
        }
    }

    private void keepLinked() {
        Duration delay = config.reconnectInitialDelay();
        Duration loginDelay = config.loginFailureDelay();
        while (running) {
            long lossesBefore = intake.losses();
            Duration wait;
            try (AmiSession s = AmiSession.open(config.host(), config.port(), config.connectTimeout(),
                    config.pingInterval().plus(config.responseTimeout()).multipliedBy(2), this::received)) {
                session = s;
                login(s);
                resync(s, lossesBefore);
                setConnected(true);
                status.enter(AmiLinkState.CONNECTED, null);
                meters.resynced();
                sipAccounts.asteriskResynchronised();
                delay = config.reconnectInitialDelay();
                loginDelay = config.loginFailureDelay();
                while (running && !s.awaitClose(config.pingInterval())) {
                    await(s.send(Map.of("Action", "Ping")));
                }
                wait = delay;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LoginRefused e) {
                meters.loginRefused();
                wait = loginDelay;
                loginDelay = capped(loginDelay.multipliedBy(2), config.loginFailureMaxDelay());
                status.enter(AmiLinkState.LOGIN_REFUSED, "retrying in " + wait + ", then less and less often up to every "
                        + config.loginFailureMaxDelay());
            } catch (Exception e) {
                wait = delay;
                status.enter(AmiLinkState.DOWN, reason(e));
            }
            session = null;
            lost();
            hand(sipEvents::linkLost);
            status.retryAt(Instant.now(clock).plus(wait));
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            status.retryAt(null);
            delay = capped(delay.multipliedBy(2), config.reconnectMaxDelay());
        }
    }

    /** The link's live state is gone: known at once (outside the event queue), then cleared in event order. */
    private void lost() {
        intake.liveStateLost();
        if (connected) {
            status.enter(AmiLinkState.DOWN, "link lost; live state unknown until the next resync");
            meters.linkLost();
        }
        setConnected(false);
        hand(() -> intake.accept(new QueueEvent.LiveStateLost(Instant.now(clock))));
    }

    private void login(AmiSession s) throws Exception {
        AmiMessage r = await(s.send(Map.of("Action", "Login", "Username", config.username(),
                "Secret", config.password().orElse(""), "Events", "on")));
        if (!"Success".equalsIgnoreCase(r.response())) {
            throw new LoginRefused();
        }
    }

    /**
     * Replaces every queue's state and the phones' registrations; each list is applied in wire order with the events
     * around it.
     */
    private void resync(AmiSession s, long lossesBefore) throws Exception {
        try {
            await(s.sendList(Map.of("Action", "PJSIPShowContacts"),
                    items -> hand(() -> sipEvents.contactsListed(items, Instant.now(clock)))));
        } catch (java.util.concurrent.ExecutionException e) {
            // Asterisk answers an error when no phone is registered: an empty list. Any other error (no PJSIP,
            // an AMI user without the system class) leaves registrations unknown; queues matter more.
            if (String.valueOf(e.getCause().getMessage()).startsWith("No Contacts")) {
                hand(() -> sipEvents.contactsListed(List.of(), Instant.now(clock)));
            }
        }
        await(s.sendList(Map.of("Action", "QueueStatus"),
                items -> hand(() -> intake.acceptResync(translator.resynced(items, Instant.now(clock)), lossesBefore))));
        await(s.sendList(Map.of("Action", "QueueSummary"), items -> { }));
        await(s.sendList(Map.of("Action", "CoreShowChannels"),
                items -> hand(() -> intake.accept(translator.channels(items, Instant.now(clock))))));
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On the reader thread: hand off at once. */
    private void received(AmiMessage m) {
        hand(() -> {
            Instant at = Instant.now(clock);
            translator.translate(m, at).forEach(intake::accept);
            sipEvents.accept(m, at);
        });
    }

    private void hand(Runnable task) {
        ThreadPoolExecutor w = worker;
        if (w == null) {
            return;
        }
        try {
            w.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.errorf("AMI event could not be applied: %s", e.toString());
                }
            });
        } catch (RejectedExecutionException overflow) {
            // Known now, not behind the full queue: routing stops trusting live state before anything drains.
            intake.liveStateLost();
            meters.dropped();
            AmiSession s = session;
            if (s != null && overflowed != s) {
                overflowed = s;
                meters.overflowed();
                LOG.error("AMI event queue full: dropping the link to resynchronise");
                s.close();
            }
        }
    }

    private void setConnected(boolean up) {
        if (connected != up || since == null) {
            since = Instant.now(clock);
        }
        connected = up;
    }

    /** A failure in words; never a message's content (channel events carry caller numbers). */
    private static String reason(Exception e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static Duration capped(Duration d, Duration cap) {
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Asterisk answered the login with an error: a wrong user or secret, not a network failure. */
    private static final class LoginRefused extends Exception {
        LoginRefused() {
            super("login refused", null, false, false);
        }
    }

    /** Asterisk cannot be reached now. */
    static final class AmiUnavailable extends RuntimeException {
        AmiUnavailable(String message) {
            super(message, null, false, false);
        }
    }

}
