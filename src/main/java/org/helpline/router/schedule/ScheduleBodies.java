package org.helpline.router.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.helpline.router.lines.LineResponse;

import java.time.Instant;
import java.util.List;

/** The JSON bodies of the schedule endpoints. */
public final class ScheduleBodies {

    private ScheduleBodies() {
    }

    /** {@code PUT /api/lines/{code}/opening-hours}. */
    public record OpeningHoursBody(List<LineResponse.PeriodBody> periods) {
    }

    /** A closure or special opening, sent without id and shown with it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RangeBody(Long id, String from, String to, String reason) {

        static RangeBody of(ScheduledRange r) {
            return new RangeBody(r.id, r.from.toString(), r.to.toString(), r.reason);
        }
    }

    /** {@code PUT /api/lines/{code}/override}: state OPEN or CLOSED until an instant. */
    public record OverrideRequest(String state, String until, String reason) {
    }

    /** {@code GET /api/lines/{code}/status}. */
    public record StatusBody(boolean open, StatusReason reason, Instant nextChange) {

        static StatusBody of(LineStatus s) {
            return new StatusBody(s.open(), s.reason(), s.nextChange());
        }
    }

    /** The outcome of an iCalendar import. */
    public record ImportResult(int imported, int updated, List<String> skipped, List<RangeBody> closures) {
    }
}
