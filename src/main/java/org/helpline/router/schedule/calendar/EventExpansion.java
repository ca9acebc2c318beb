package org.helpline.router.schedule.calendar;

import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The occurrences of one VEVENT within the window, through ical4j's {@code calculateRecurrenceSet} (DTSTART,
 * DTEND or DURATION or RFC 5545's defaults, RRULE, RDATE, EXDATE), with two things added that ical4j leaves to
 * its caller: EXDATEs are also matched by instant (ical4j removes an occurrence only when the EXDATE's value
 * {@code equals} the start, so an EXDATE in UTC misses a start given with a TZID), and the expansion work is
 * bounded before ical4j iterates, since a rule is walked from its DTSTART however far in the past.
 */
final class EventExpansion {

    /** Rule steps (days for DAILY, weeks for WEEKLY...) one event may take from its DTSTART to the window's end. */
    static final long MAX_STEPS_PER_EVENT = 50_000;

    /** One occurrence in the event's own kind of time; {@code key} is its start as a RECURRENCE-ID. */
    record Span(String key, Temporal start, Temporal end) {
    }

    private EventExpansion() {
    }

    /**
     * The event's occurrences overlapping the window, EXDATEs removed.
     *
     * @throws SkipException when the event cannot be expanded (the reason is for the operator)
     */
    static List<Span> occurrences(VEvent event, ImportWindow window) {
        Temporal start = event.<DateProperty<Temporal>>getProperty(Property.DTSTART)
                .map(DateProperty::getDate)
                .orElseThrow(() -> new SkipException("has no DTSTART"));
        List<RRule<Temporal>> rules = event.getProperties(Property.RRULE);
        for (RRule<Temporal> rule : rules) {
            checkBounded(rule, start, window);
        }
        Set<Period<Temporal>> periods = event.calculateRecurrenceSet(window.periodLike(start));
        Set<String> excluded = new HashSet<>();
        for (Property p : event.getProperties(Property.EXDATE)) {
            for (Object date : ((DateListProperty<?>) p).getDates()) {
                excluded.add(ImportWindow.recurrenceKey((Temporal) date));
            }
        }
        List<Span> result = new ArrayList<>();
        for (Period<Temporal> period : periods) {
            String key = ImportWindow.recurrenceKey(period.getStart());
            if (!excluded.contains(key)) {
                result.add(new Span(key, period.getStart(), period.getEnd()));
            }
        }
        return result;
    }

    private static void checkBounded(RRule<Temporal> rule, Temporal start, ImportWindow window) {
        Frequency frequency = rule.getRecur().getFrequency();
        if (frequency == Frequency.SECONDLY || frequency == Frequency.MINUTELY) {
            throw new SkipException("repeats every " + (frequency == Frequency.SECONDLY ? "second" : "minute")
                    + " (RRULE FREQ=" + frequency + "): not an opening or closing of a line");
        }
        if (rule.getRecur().getCount() > 0) {
            return;
        }
        LocalDate first = window.local(start).toLocalDate();
        LocalDate last = window.to().atZone(window.zone()).toLocalDate();
        ChronoUnit unit = switch (frequency) {
            case HOURLY -> ChronoUnit.HOURS;
            case DAILY -> ChronoUnit.DAYS;
            case WEEKLY -> ChronoUnit.WEEKS;
            case MONTHLY -> ChronoUnit.MONTHS;
            default -> ChronoUnit.YEARS;
        };
        long steps = unit == ChronoUnit.HOURS ? ChronoUnit.DAYS.between(first, last) * 24 : unit.between(first, last);
        if (steps / Math.max(1, rule.getRecur().getInterval()) > MAX_STEPS_PER_EVENT) {
            throw new SkipException("repeats too often since too long ago to expand (RRULE FREQ=" + frequency
                    + " from " + first + "); give the series a later DTSTART");
        }
    }

    /** Why an event put nothing on the line. */
    static final class SkipException extends RuntimeException {
        SkipException(String reason) {
            super(reason, null, false, false);
        }
    }
}
