package org.helpline.router.schedule.calendar;

import java.util.List;

/**
 * What a calendar brings within the import window: its occurrences, the events that were skipped with the
 * reason, and how many occurrences fell outside the window (past, or beyond the horizon).
 */
public record CalendarReading(List<Occurrence> occurrences, List<SkippedEvent> skipped, int outsideWindow) {

    public CalendarReading {
        occurrences = List.copyOf(occurrences);
        skipped = List.copyOf(skipped);
    }
}
