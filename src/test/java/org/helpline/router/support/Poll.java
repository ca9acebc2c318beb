package org.helpline.router.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls an assertion until it holds or the deadline passes (then its last failure is thrown). */
public final class Poll {

    private Poll() {
    }

    public static void until(Duration timeout, Runnable assertion) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    public static void until(Runnable assertion) {
        until(Duration.ofSeconds(5), assertion);
    }

    /** Polls until the condition holds; fails naming {@code what} after the limit. */
    public static void until(BooleanSupplier condition, Duration limit, String what) {
        value(() -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), limit, what);
    }

    /** Polls until the probe yields a value, and returns it; fails naming {@code what} after the limit. */
    public static <T> T value(Supplier<Optional<T>> probe, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + limit);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
