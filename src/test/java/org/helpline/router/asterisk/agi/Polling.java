package org.helpline.router.asterisk.agi;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls for a state with a deadline instead of sleeping a fixed time. */
final class Polling {

    private Polling() {
    }

    static <T> T until(Supplier<Optional<T>> probe, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + limit);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    static void until(BooleanSupplier condition, Duration limit, String what) {
        until(() -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), limit);
    }
}
