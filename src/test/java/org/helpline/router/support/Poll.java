package org.helpline.router.support;

import java.time.Duration;
import java.time.Instant;

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
}
