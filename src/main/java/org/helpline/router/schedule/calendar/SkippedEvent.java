package org.helpline.router.schedule.calendar;

/** An event of a calendar that put nothing on the line, and why. */
public record SkippedEvent(String uid, String summary, String reason) {
}
