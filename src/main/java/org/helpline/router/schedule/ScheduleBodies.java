package org.helpline.router.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.helpline.router.lines.LineResponse;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The JSON bodies of the schedule endpoints. */
public final class ScheduleBodies {

    private ScheduleBodies() {
    }

    /** {@code PUT /api/lines/{code}/opening-hours}. */
    public record OpeningHoursBody(List<LineResponse.PeriodBody> periods) {
    }

    /**
     * A closure or special opening, sent without id and shown with it. An imported range also shows its event's
     * {@code uid} and, when it comes from a calendar subscription, that subscription's id.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RangeBody(Long id, String from, String to, String reason, String uid, Long subscriptionId) {

        public RangeBody(Long id, String from, String to, String reason) {
            this(id, from, to, reason, null, null);
        }

        public static RangeBody of(ScheduledRange r) {
            return of(r, Set.of());
        }

        /** {@code subscriptions}: the ids of the line's subscriptions (the other sources are its uploads). */
        public static RangeBody of(ScheduledRange r, Set<Long> subscriptions) {
            return new RangeBody(r.id, r.from.toString(), r.to.toString(), r.reason, r.sourceUid,
                    r.sourceId != null && subscriptions.contains(r.sourceId) ? r.sourceId : null);
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
}
