package org.helpline.router.asterisk.agi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a decision on its own bounded pool and waits for it no longer than a deadline, so that a slow
 * dependency (live queue state, listener commands) costs the caller a safe answer, never silence.
 */
@ApplicationScoped
public class DecisionDeadline {

    private final ThreadPoolExecutor pool;

    DecisionDeadline(AgiConfig config) {
        int size = Math.max(1, config.poolSize());
        pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(size * 2),
                new NamedThreads("helpline-decision"), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * The decision's result, or empty when it failed, was rejected because the pool is saturated, or took
     * longer than {@code limit} (it is then interrupted).
     */
    public <T> Optional<T> within(Duration limit, Supplier<T> decision) {
        Future<T> future;
        try {
            future = pool.submit(decision::get);
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(future.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            future.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
