package org.helpline.router.schedule;

import java.time.LocalDateTime;

/** A closure or special opening: local date-times in the line's zone, {@code from} inclusive, {@code to} exclusive. */
public record DatedRange(LocalDateTime from, LocalDateTime to, String reason) {
}
