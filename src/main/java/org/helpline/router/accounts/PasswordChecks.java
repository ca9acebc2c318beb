package org.helpline.router.accounts;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.api.ApiProblem;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Every bcrypt computation of the service, on a small pool of its own with a bounded queue: at cost 12 one
 * check is a third of a second of CPU, so an unbounded number of them (a flood of logins, good or bad) would
 * take the cores the routing path needs. When the queue is full the request is refused at once with a 503 and
 * {@code Retry-After} instead of waiting. The threads run at the lowest Java priority, which the JVM turns into
 * a higher {@code nice} value when started with {@code -XX:ThreadPriorityPolicy=1}.
 *
 * <p>A login with an unknown username is checked against a dummy hash of the same cost, so it takes as long as
 * one with a known username and a wrong password: answer times do not tell which usernames exist.
 */
@ApplicationScoped
public class PasswordChecks {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final PasswordHasher hasher;
    private final ThreadPoolExecutor pool;
    private volatile String dummyHash;

    PasswordChecks(PasswordHasher hasher, AccountsConfig config) {
        this.hasher = hasher;
        int threads = Math.max(1, config.passwordCheckThreads());
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.passwordCheckQueue())), task -> {
                    Thread t = new Thread(task, "password-check-" + count.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Whether every thread is busy and the queue full: a check asked for now would be refused. */
    public boolean saturated() {
        return pool.getQueue().remainingCapacity() == 0;
    }

    /**
     * Checks a password against a stored hash on the pool.
     *
     * @throws ApiProblem 503 {@code password-checks-busy} when the pool and its queue are full
     */
    public CompletableFuture<Boolean> verify(String password, String hash) {
        return submit(() -> hasher.matches(password, hash));
    }

    /** The same work as {@link #verify} against a hash no password matches; always false. */
    public CompletableFuture<Boolean> verifyUnknown(String password) {
        return submit(() -> {
            hasher.matches(password, dummyHash());
            return false;
        });
    }

    /**
     * Checks a password on the pool and waits for the answer (one's own password change).
     *
     * @throws ApiProblem 503 {@code password-checks-busy} when the pool and its queue are full
     */
    public boolean matches(String password, String hash) {
        try {
            return verify(password, hash).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            throw new IllegalStateException("password check failed", e.getCause());
        }
    }

    /**
     * Hashes a new password on the pool and waits for it (account creation and password reset).
     *
     * @throws ApiProblem 503 {@code password-checks-busy} when the pool and its queue are full
     */
    public String hash(String password) {
        try {
            return submit(() -> hasher.hash(password)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            // Made with the configured cost: checking against it must cost what a real check does.
            hash = hasher.hash(java.util.UUID.randomUUID().toString());
            dummyHash = hash;
        }
        return hash;
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            throw busy();
        }
    }

    static ApiProblem busy() {
        return ApiProblem.unavailable("password-checks-busy",
                "Too many password checks are waiting; try again in a moment", RETRY_AFTER);
    }

    /** Makes the dummy hash before the first unknown username arrives, so even that one costs a single check. */
    void prepare(@Observes StartupEvent event) {
        pool.execute(this::dummyHash);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
