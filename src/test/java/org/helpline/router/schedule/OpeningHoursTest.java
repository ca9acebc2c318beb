package org.helpline.router.schedule;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpeningHoursTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static WeeklyPeriod period(DayOfWeek day, String from, String to) {
        return new WeeklyPeriod(day, LocalTime.parse(from), LocalTime.parse(to));
    }

    static Schedule weekly(WeeklyPeriod... periods) {
        return new Schedule(PARIS, List.of(periods), List.of(), List.of(), null);
    }

    static Instant paris(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), PARIS).toInstant();
    }

    static DatedRange range(String from, String to, String reason) {
        return new DatedRange(LocalDateTime.parse(from), LocalDateTime.parse(to), reason);
    }

    @Test
    void fridayNightPeriodIsOpenAtSaturday0130AndClosedAt0200() {
        Schedule s = weekly(period(DayOfWeek.FRIDAY, "20:00", "02:00"));
        // 2026-11-27 is a Friday.
        LineStatus at0130 = OpeningHours.evaluate(s, paris("2026-11-28T01:30"));
        assertTrue(at0130.open());
        assertEquals(StatusReason.WEEKLY_HOURS, at0130.reason());
        assertEquals(paris("2026-11-28T02:00"), at0130.nextChange());

        LineStatus at0200 = OpeningHours.evaluate(s, paris("2026-11-28T02:00"));
        assertFalse(at0200.open());
        assertEquals(StatusReason.OUTSIDE_HOURS, at0200.reason());
        assertEquals(paris("2026-12-04T20:00"), at0200.nextChange());
    }

    @Test
    void periodEdgesFromInclusiveToExclusive() {
        Schedule s = weekly(period(DayOfWeek.MONDAY, "09:00", "13:00"));
        assertFalse(OpeningHours.evaluate(s, paris("2026-11-30T08:59:59")).open());
        assertTrue(OpeningHours.evaluate(s, paris("2026-11-30T09:00")).open());
        assertTrue(OpeningHours.evaluate(s, paris("2026-11-30T12:59:59")).open());
        assertFalse(OpeningHours.evaluate(s, paris("2026-11-30T13:00")).open());
    }

    @Test
    void closureOverAWeeklyPeriodClosesTheLineAndReopensAfterIt() {
        Schedule s = new Schedule(PARIS,
                List.of(period(DayOfWeek.FRIDAY, "18:00", "23:00"), period(DayOfWeek.SATURDAY, "18:00", "23:00")),
                List.of(range("2026-12-25T00:00", "2026-12-26T00:00", "Noël")), List.of(), null);
        // 2026-12-25 is a Friday.
        LineStatus during = OpeningHours.evaluate(s, paris("2026-12-25T21:05"));
        assertFalse(during.open());
        assertEquals(StatusReason.CLOSURE, during.reason());
        assertEquals(paris("2026-12-26T18:00"), during.nextChange());

        LineStatus before = OpeningHours.evaluate(s, paris("2026-12-24T10:00"));
        assertFalse(before.open());
        assertEquals(StatusReason.OUTSIDE_HOURS, before.reason());
        assertEquals(paris("2026-12-26T18:00"), before.nextChange(), "Friday's hours fall inside the closure");
    }

    @Test
    void specialOpeningOpensOutsideWeeklyHoursButAClosureWins() {
        Schedule s = new Schedule(PARIS, List.of(),
                List.of(range("2026-12-31T23:00", "2027-01-01T01:00", "relève")),
                List.of(range("2026-12-31T20:00", "2027-01-01T04:00", "Saint-Sylvestre")), null);
        LineStatus open = OpeningHours.evaluate(s, paris("2026-12-31T21:00"));
        assertTrue(open.open());
        assertEquals(StatusReason.SPECIAL_OPENING, open.reason());
        assertEquals(paris("2026-12-31T23:00"), open.nextChange());

        LineStatus closed = OpeningHours.evaluate(s, paris("2027-01-01T00:30"));
        assertFalse(closed.open());
        assertEquals(StatusReason.CLOSURE, closed.reason());
        assertEquals(paris("2027-01-01T01:00"), closed.nextChange());
    }

    @Test
    void overrideWinsUntilItExpiresByItself() {
        Instant until = Instant.parse("2026-11-30T12:00:00Z");
        Schedule s = new Schedule(PARIS, List.of(period(DayOfWeek.MONDAY, "09:00", "18:00")), List.of(), List.of(),
                new ManualOverride(false, until, "formation"));
        LineStatus forced = OpeningHours.evaluate(s, Instant.parse("2026-11-30T10:00:00Z"));
        assertFalse(forced.open());
        assertEquals(StatusReason.OVERRIDE, forced.reason());
        assertEquals(until, forced.nextChange());

        LineStatus after = OpeningHours.evaluate(s, until);
        assertTrue(after.open());
        assertEquals(StatusReason.WEEKLY_HOURS, after.reason());
    }

    @Test
    void overrideOpenOverAClosure() {
        Schedule s = new Schedule(PARIS, List.of(), List.of(range("2026-12-25T00:00", "2026-12-26T00:00", "Noël")),
                List.of(), new ManualOverride(true, paris("2026-12-25T22:00"), "permanence exceptionnelle"));
        LineStatus st = OpeningHours.evaluate(s, paris("2026-12-25T20:00"));
        assertTrue(st.open());
        assertEquals(StatusReason.OVERRIDE, st.reason());
        assertEquals(paris("2026-12-25T22:00"), st.nextChange());
    }

    @Test
    void springForwardNightOf2027_03_28() {
        // Saturday 27 March 22:00 to Sunday 04:00 local; the clocks jump from 02:00 to 03:00.
        Schedule s = weekly(period(DayOfWeek.SATURDAY, "22:00", "04:00"));
        LineStatus st = OpeningHours.evaluate(s, paris("2027-03-27T23:00"));
        assertTrue(st.open());
        assertEquals(Instant.parse("2027-03-28T02:00:00Z"), st.nextChange(), "04:00 CEST is 02:00 UTC");
        assertTrue(OpeningHours.evaluate(s, Instant.parse("2027-03-28T00:59:00Z")).open(), "01:59 CET");
        assertTrue(OpeningHours.evaluate(s, Instant.parse("2027-03-28T01:00:00Z")).open(), "03:00 CEST");
        assertFalse(OpeningHours.evaluate(s, Instant.parse("2027-03-28T02:00:00Z")).open());
    }

    @Test
    void periodEndingInsideTheSpringGapEndsWhenTheClocksJump() {
        Schedule s = weekly(period(DayOfWeek.SATURDAY, "20:00", "02:30"));
        LineStatus st = OpeningHours.evaluate(s, paris("2027-03-27T21:00"));
        assertTrue(st.open());
        // 02:30 does not exist that night: it resolves to 03:30 CEST, i.e. 01:30 UTC.
        assertEquals(Instant.parse("2027-03-28T01:30:00Z"), st.nextChange());
    }

    @Test
    void fallBackNightOf2027_10_31() {
        // Saturday 30 October 20:00 to Sunday 02:00; the clocks go back from 03:00 CEST to 02:00 CET.
        Schedule s = weekly(period(DayOfWeek.SATURDAY, "20:00", "02:00"));
        LineStatus st = OpeningHours.evaluate(s, paris("2027-10-30T23:00"));
        assertTrue(st.open());
        assertEquals(Instant.parse("2027-10-31T00:00:00Z"), st.nextChange(), "02:00 CEST is 00:00 UTC");

        // A period from 01:00 to 04:00 that night lasts four real hours.
        Schedule night = weekly(period(DayOfWeek.SUNDAY, "01:00", "04:00"));
        LineStatus n = OpeningHours.evaluate(night, Instant.parse("2027-10-30T23:30:00Z"));
        assertTrue(n.open());
        assertEquals(Instant.parse("2027-10-31T03:00:00Z"), n.nextChange());
        assertTrue(OpeningHours.evaluate(night, Instant.parse("2027-10-31T02:30:00Z")).open(), "03:30 CET");
    }

    @Test
    void nextChangeAcrossAWeekend() {
        Schedule s = weekly(period(DayOfWeek.FRIDAY, "09:00", "17:00"), period(DayOfWeek.MONDAY, "09:00", "17:00"));
        LineStatus st = OpeningHours.evaluate(s, paris("2026-11-27T17:00"));
        assertFalse(st.open());
        assertEquals(paris("2026-11-30T09:00"), st.nextChange());
    }

    @Test
    void adjacentPeriodsAcrossMidnightDoNotFlipAtMidnight() {
        Schedule s = weekly(period(DayOfWeek.FRIDAY, "20:00", "00:00"), period(DayOfWeek.SATURDAY, "00:00", "02:00"));
        LineStatus st = OpeningHours.evaluate(s, paris("2026-11-27T23:00"));
        assertTrue(st.open());
        assertEquals(paris("2026-11-28T02:00"), st.nextChange());
    }

    @Test
    void alwaysOpenOrNeverOpenHasNoNextChange() {
        WeeklyPeriod[] all = new WeeklyPeriod[7];
        for (DayOfWeek d : DayOfWeek.values()) {
            all[d.getValue() - 1] = period(d, "00:00", "00:00");
        }
        LineStatus open = OpeningHours.evaluate(weekly(all), paris("2026-11-27T23:00"));
        assertTrue(open.open());
        assertNull(open.nextChange());

        LineStatus never = OpeningHours.evaluate(weekly(), paris("2026-11-27T23:00"));
        assertFalse(never.open());
        assertNull(never.nextChange());
    }

    @Test
    void overlapDetectionIncludesOvernightAndWeekWrap() {
        assertTrue(period(DayOfWeek.FRIDAY, "20:00", "02:00").overlaps(period(DayOfWeek.SATURDAY, "01:00", "03:00")));
        assertFalse(period(DayOfWeek.FRIDAY, "20:00", "02:00").overlaps(period(DayOfWeek.SATURDAY, "02:00", "03:00")));
        assertTrue(period(DayOfWeek.SUNDAY, "22:00", "06:00").overlaps(period(DayOfWeek.MONDAY, "05:00", "07:00")));
        assertFalse(period(DayOfWeek.MONDAY, "09:00", "12:00").overlaps(period(DayOfWeek.MONDAY, "12:00", "14:00")));
        assertTrue(period(DayOfWeek.MONDAY, "09:00", "12:00").overlaps(period(DayOfWeek.MONDAY, "11:00", "14:00")));
    }
}
