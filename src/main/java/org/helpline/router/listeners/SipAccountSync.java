package org.helpline.router.listeners;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes Asterisk's listener accounts equal the database's: renders {@link SipAccountFile} from every enabled listener
 * with a generated account, writes it when its bytes differ from the file on disk (so a restored backup or a hand
 * edit converges), then asks Asterisk to reload PJSIP. Runs at start, after every AMI resync, periodically, and
 * after each API change (which waits for it). Runs on its own thread, one run at a time, and under a PostgreSQL
 * advisory lock, so instances sharing the database and the file never interleave a write and a reload.
 */
@ApplicationScoped
public class SipAccountSync {

    private static final Logger LOG = Logger.getLogger(SipAccountSync.class);
    /** The advisory lock's key: any constant the other locks of the database do not use ("HLSIP"). */
    static final long LOCK_KEY = 0x484C534950L;

    /** How a run ended. */
    public enum Outcome {
        /** The file already matched the database and Asterisk had read it. */
        UNCHANGED,
        /** The file was written (or a reload was due) and Asterisk reloaded PJSIP. */
        APPLIED,
        /** The file is right but Asterisk could not reload it: it will on the next run after AMI is back. */
        RELOAD_PENDING,
        /** The file could not be written, or the database read: Asterisk keeps its previous accounts. */
        FAILED
    }

    private final SipConfig config;
    private final PjsipReload asterisk;
    private final EntityManager em;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sip-accounts");
        t.setDaemon(true);
        return t;
    });
    private final Object queueLock = new Object();
    private CompletableFuture<Outcome> queued;
    private volatile boolean reloadPending;
    private volatile String lastProblem;

    SipAccountSync(SipConfig config, PjsipReload asterisk, EntityManager em) {
        this.config = config;
        this.asterisk = asterisk;
        this.em = em;
    }

    void onStart(@Observes StartupEvent event) {
        request();
    }

    @Scheduled(every = "${helpline.sip.reconcile-interval:60s}", delayed = "${helpline.sip.reconcile-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        request();
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** After every AMI (re)connection and resync; returns at once (called from the AMI link's thread). */
    public void asteriskResynchronised() {
        request();
    }

    /**
     * Runs a reconciliation after the current one, if any; requests made while one waits share it, since it reads
     * the database when it starts. Completes with its outcome.
     */
    public CompletableFuture<Outcome> request() {
        synchronized (queueLock) {
            if (queued != null) {
                return queued;
            }
            CompletableFuture<Outcome> next = new CompletableFuture<>();
            queued = next;
            try {
                runner.execute(() -> {
                    synchronized (queueLock) {
                        queued = null;
                    }
                    next.complete(reconcile());
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                queued = null;
                next.complete(Outcome.FAILED);
            }
            return next;
        }
    }

    /** Runs a reconciliation now and waits for it (at most {@code helpline.sip.apply-timeout}). */
    public Outcome apply() {
        try {
            return request().get(config.applyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Outcome.RELOAD_PENDING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        } catch (ExecutionException e) {
            return Outcome.FAILED;
        }
    }

    Outcome reconcile() {
        try {
            Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult();
                List<SipAccountFile.Account> accounts = Listener.<Listener>list("enabled = true and sipUsername is not null")
                        .stream().map(l -> new SipAccountFile.Account(l.sipUsername, l.displayName, l.sipRealm,
                                l.sipPasswordDigest)).toList();
                boolean written = write(SipAccountFile.render(accounts));
                if (written) {
                    LOG.infof("SIP accounts file %s written: %d listener account(s)", config.accountsFile(), accounts.size());
                }
                return written || reloadPending ? reload() : Outcome.UNCHANGED;
            });
            if (outcome == Outcome.APPLIED || outcome == Outcome.UNCHANGED) {
                lastProblem = null;
            }
            return outcome;
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problem("SIP accounts not reconciled, Asterisk keeps its previous accounts: " + cause.getMessage());
            return Outcome.FAILED;
        }
    }

    private boolean write(String content) {
        try {
            return SipAccountFile.writeIfChanged(config.accountsFile(), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config.accountsFile() + " (" + e + ")", e);
        }
    }

    /** Holds the advisory lock while Asterisk reloads, so no other instance rewrites the file meanwhile. */
    private Outcome reload() {
        try {
            asterisk.reload();
            reloadPending = false;
            return Outcome.APPLIED;
        } catch (PjsipReload.Failed e) {
            reloadPending = true;
            problem("SIP accounts file written but PJSIP not reloaded (" + e.getMessage()
                    + "); it will be once Asterisk answers");
            return Outcome.RELOAD_PENDING;
        }
    }

    /** Warns once per distinct problem: a periodic run during an outage must not fill the log. */
    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            LOG.warn(message);
        }
        lastProblem = message;
    }
}
