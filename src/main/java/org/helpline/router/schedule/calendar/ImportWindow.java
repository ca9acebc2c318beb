package org.helpline.router.schedule.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;

/**
 * The span a calendar is read over, in a line's zone, and the conversions between iCalendar's three kinds of
 * time and the line's local time: dates (all-day, the line's days), floating date-times (the line's clock) and
 * zoned or UTC date-times (an instant).
 */
public record ImportWindow(ZoneId zone, Instant from, Instant to) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    /** The window as ical4j's recurrence expansion wants it: in the same kind of time as the event's start. */
    net.fortuna.ical4j.model.Period<? extends Temporal> periodLike(Temporal start) {
        if (start instanceof LocalDate) {
            return new net.fortuna.ical4j.model.Period<>(from.atZone(zone).toLocalDate(),
                    to.atZone(zone).toLocalDate().plusDays(1));
        }
        if (start instanceof LocalDateTime) {
            return new net.fortuna.ical4j.model.Period<>(from.atZone(zone).toLocalDateTime(),
                    to.atZone(zone).toLocalDateTime());
        }
        if (start instanceof ZonedDateTime zoned) {
            return new net.fortuna.ical4j.model.Period<>(from.atZone(zoned.getZone()), to.atZone(zoned.getZone()));
        }
        if (start instanceof OffsetDateTime) {
            return new net.fortuna.ical4j.model.Period<>(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        }
        return new net.fortuna.ical4j.model.Period<>(from, to);
    }

    /** The time in the line's local clock. */
    LocalDateTime local(Temporal t) {
        if (t instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (t instanceof LocalDateTime local) {
            return local;
        }
        return Instant.from(t).atZone(zone).toLocalDateTime();
    }

    /** Whether an occurrence, in local time, ends after the window starts and starts before it ends. */
    boolean overlaps(LocalDateTime start, LocalDateTime end) {
        return end.isAfter(from.atZone(zone).toLocalDateTime()) && start.isBefore(to.atZone(zone).toLocalDateTime());
    }

    /**
     * A start as RECURRENCE-ID and EXDATE compare it: dates and floating times as written, anything anchored
     * to an instant as that instant in UTC, so an EXDATE in UTC matches a start given with a TZID.
     */
    static String recurrenceKey(Temporal t) {
        if (t instanceof LocalDate date) {
            return DATE.format(date);
        }
        if (t instanceof LocalDateTime local) {
            return LOCAL.format(local);
        }
        return LOCAL.format(Instant.from(t).atOffset(ZoneOffset.UTC)) + "Z";
    }
}
