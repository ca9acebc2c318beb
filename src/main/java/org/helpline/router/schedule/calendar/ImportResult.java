package org.helpline.router.schedule.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.helpline.router.schedule.ScheduleBodies;
import org.helpline.router.schedule.ScheduledRange;

import java.util.List;

/**
 * The answer to an iCalendar upload: occurrences added, updated (changed), unchanged and removed, how many fell
 * outside the import window, every skipped event with its reason, and the ranges the uploaded events now hold
 * ({@code closures} or {@code specialOpenings}, after the endpoint).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportResult(int imported, int updated, int unchanged, int removed, int outsideWindow,
                           List<SkippedEvent> skipped, List<ScheduleBodies.RangeBody> closures,
                           List<ScheduleBodies.RangeBody> specialOpenings) {

    static ImportResult of(ScheduledRange.Kind kind, CalendarSync.Outcome o, List<ScheduledRange> ranges) {
        List<ScheduleBodies.RangeBody> bodies = ranges.stream().map(ScheduleBodies.RangeBody::of).toList();
        boolean closure = kind == ScheduledRange.Kind.CLOSURE;
        return new ImportResult(o.imported(), o.updated(), o.unchanged(), o.removed(), o.outsideWindow(), o.skipped(),
                closure ? bodies : null, closure ? null : bodies);
    }
}
