package org.helpline.router.schedule;

import java.time.Instant;

/** An operator's forced state, in force until {@code until} (exclusive), after which it expires by itself. */
public record ManualOverride(boolean open, Instant until, String reason) {

    public boolean activeAt(Instant at) {
        return at.isBefore(until);
    }
}
