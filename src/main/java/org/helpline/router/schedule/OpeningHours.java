package org.helpline.router.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The opening-hours evaluation: a pure function of a {@link Schedule} and an instant.
 *
 * <p>Every local time is turned into an instant interval in the line's zone before any comparison, so that
 * daylight-saving changes need no special case: a period ending at 02:00 on the spring-forward night ends
 * when the clocks jump (local times in the gap resolve forward), and on the fall-back night a local time
 * that occurs twice means its first occurrence. Precedence: override &gt; closure &gt; special opening &gt;
 * weekly hours.
 */
public final class OpeningHours {

    /** How far ahead {@code nextChange} is searched. */
    public static final Duration HORIZON = Duration.ofDays(14);

    private OpeningHours() {
    }

    public static LineStatus evaluate(Schedule schedule, Instant at) {
        Intervals intervals = Intervals.around(schedule, at, HORIZON);
        State now = intervals.stateAt(at);
        Instant horizonEnd = at.plus(HORIZON);
        for (Instant boundary : intervals.boundariesAfter(at)) {
            if (boundary.isAfter(horizonEnd)) {
                break;
            }
            if (intervals.stateAt(boundary).open() != now.open()) {
                return new LineStatus(now.open(), now.reason(), boundary);
            }
        }
        return new LineStatus(now.open(), now.reason(), null);
    }

    private record State(boolean open, StatusReason reason) {
    }

    private record Span(Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** The schedule's periods and ranges as instant spans over a window around the instant asked about. */
    private static final class Intervals {
        private final ManualOverride override;
        private final List<Span> closures = new ArrayList<>();
        private final List<Span> specials = new ArrayList<>();
        private final List<Span> weekly = new ArrayList<>();

        private Intervals(ManualOverride override) {
            this.override = override;
        }

        static Intervals around(Schedule schedule, Instant at, Duration horizon) {
            ZoneId zone = schedule.zone();
            Intervals result = new Intervals(schedule.override());
            for (DatedRange r : schedule.closures()) {
                result.closures.add(span(r, zone));
            }
            for (DatedRange r : schedule.specialOpenings()) {
                result.specials.add(span(r, zone));
            }
            // A period can start up to a day before the instant and still cover it.
            LocalDate first = at.atZone(zone).toLocalDate().minusDays(1);
            LocalDate last = at.plus(horizon).atZone(zone).toLocalDate().plusDays(1);
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                for (WeeklyPeriod p : schedule.weekly()) {
                    if (p.day() == d.getDayOfWeek()) {
                        Instant start = ZonedDateTime.of(d, p.from(), zone).toInstant();
                        LocalDate endDay = p.overnight() ? d.plusDays(1) : d;
                        Instant end = ZonedDateTime.of(endDay, p.to(), zone).toInstant();
                        if (end.isAfter(start)) {
                            result.weekly.add(new Span(start, end));
                        }
                    }
                }
            }
            return result;
        }

        private static Span span(DatedRange r, ZoneId zone) {
            return new Span(ZonedDateTime.of(r.from(), zone).toInstant(), ZonedDateTime.of(r.to(), zone).toInstant());
        }

        State stateAt(Instant t) {
            if (override != null && override.activeAt(t)) {
                return new State(override.open(), StatusReason.OVERRIDE);
            }
            if (any(closures, t)) {
                return new State(false, StatusReason.CLOSURE);
            }
            if (any(specials, t)) {
                return new State(true, StatusReason.SPECIAL_OPENING);
            }
            if (any(weekly, t)) {
                return new State(true, StatusReason.WEEKLY_HOURS);
            }
            return new State(false, StatusReason.OUTSIDE_HOURS);
        }

        /** Every instant after {@code t} at which some span starts or ends, in order. */
        TreeSet<Instant> boundariesAfter(Instant t) {
            TreeSet<Instant> result = new TreeSet<>();
            if (override != null) {
                result.add(override.until());
            }
            for (List<Span> list : List.of(closures, specials, weekly)) {
                for (Span s : list) {
                    result.add(s.start());
                    result.add(s.end());
                }
            }
            return new TreeSet<>(result.tailSet(t, false));
        }

        private static boolean any(List<Span> spans, Instant t) {
            for (Span s : spans) {
                if (s.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }
}
