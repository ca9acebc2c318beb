package org.helpline.router.schedule;

import java.time.Instant;

/**
 * Whether a line is open at an instant, why, and the next instant the open/closed state flips
 * (null when it does not flip within the look-ahead horizon).
 */
public record LineStatus(boolean open, StatusReason reason, Instant nextChange) {
}
