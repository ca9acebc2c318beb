package org.helpline.router.schedule.calendar;

import java.time.LocalDateTime;

/**
 * One occurrence of a calendar event as the line will keep it: local date-times in the line's zone ({@code to}
 * exclusive), identified by the event's UID and, for recurring events, the start it had in the rule
 * ({@code recurrence}, iCalendar form, {@code ""} for a single event).
 */
public record Occurrence(String uid, String recurrence, String summary, LocalDateTime from, LocalDateTime to) {

    /** The identity an import is idempotent by, and an operator's exclusion refers to. */
    public String key() {
        return recurrence.isEmpty() ? uid : uid + "|" + recurrence;
    }
}
