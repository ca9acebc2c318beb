package org.helpline.router.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A line's service day: it starts at a fixed local hour (06:00 by default), so a night shift's figures
 * belong to the day it started. DST days simply last 23 or 25 hours.
 */
public final class ServiceDay {

    private ServiceDay() {
    }

    /** The service day an instant belongs to, named by the local date on which it starts. */
    public static LocalDate of(Instant at, ZoneId zone, LocalTime start) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate date = local.toLocalDate();
        return local.toLocalTime().isBefore(start) ? date.minusDays(1) : date;
    }

    /** When a service day starts. */
    public static Instant start(LocalDate day, ZoneId zone, LocalTime start) {
        return day.atTime(start).atZone(zone).toInstant();
    }
}
