package org.helpline.router.schedule.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The iCalendar reading rules, without a server: a fixed window from 1 December 2026 to 5 January 2028. */
class CalendarReaderTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static final ImportWindow WINDOW = new ImportWindow(PARIS, NOW.minus(31, ChronoUnit.DAYS), NOW.plus(400, ChronoUnit.DAYS));
    final CalendarReader reader = new CalendarReader(20_000);

    static String calendar(String... lines) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n" + String.join("\r\n", lines)
                + "\r\nEND:VCALENDAR\r\n";
    }

    static LocalDateTime at(String local) {
        return LocalDateTime.parse(local);
    }

    Map<String, Occurrence> byKey(CalendarReading reading) {
        return reading.occurrences().stream().collect(Collectors.toMap(Occurrence::key, Function.identity()));
    }

    @Test
    void allDayEventWithoutDtendTakesTheWholeDayAndWithDurationTakesItsDays() {
        CalendarReading reading = reader.read(calendar(
                "BEGIN:VEVENT", "UID:noel", "DTSTART;VALUE=DATE:20261225", "SUMMARY:Noël", "END:VEVENT",
                "BEGIN:VEVENT", "UID:pont", "DTSTART;VALUE=DATE:20270507", "DURATION:P2D", "SUMMARY:Pont", "END:VEVENT",
                "BEGIN:VEVENT", "UID:an", "DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270102",
                "SUMMARY:Jour de l'an", "END:VEVENT"), WINDOW, "Fermeture");
        Map<String, Occurrence> got = byKey(reading);
        assertEquals(new Occurrence("noel", "", "Noël", at("2026-12-25T00:00"), at("2026-12-26T00:00")), got.get("noel"));
        assertEquals(at("2027-05-09T00:00"), got.get("pont").to());
        assertEquals(at("2027-01-02T00:00"), got.get("an").to());
        assertTrue(reading.skipped().isEmpty(), reading.skipped().toString());
    }

    @Test
    void tzidUsesTheCalendarsOwnVtimezoneOrAnIanaNameUtcAndFloatingTimes() {
        CalendarReading reading = reader.read(calendar(
                "BEGIN:VTIMEZONE", "TZID:Romance Standard Time",
                "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
                "BEGIN:VEVENT", "UID:outlook", "DTSTART;TZID=Romance Standard Time:20270327T220000",
                "DTEND;TZID=Romance Standard Time:20270328T060000", "SUMMARY:Nuit du changement d'heure", "END:VEVENT",
                "BEGIN:VEVENT", "UID:montreal", "DTSTART;TZID=America/Montreal:20270701T090000",
                "DTEND;TZID=America/Montreal:20270701T100000", "END:VEVENT",
                "BEGIN:VEVENT", "UID:utc", "DTSTART:20270614T080000Z", "DTEND:20270614T120000Z",
                "SUMMARY:Formation des", "  écoutants", "END:VEVENT",
                "BEGIN:VEVENT", "UID:floating", "DTSTART:20270310T140000", "DURATION:PT2H", "END:VEVENT"),
                WINDOW, "Fermeture");
        Map<String, Occurrence> got = byKey(reading);
        // 22:00 CET to 06:00 CEST: the night the clocks go forward, read from the calendar's own VTIMEZONE.
        assertEquals(at("2027-03-27T22:00"), got.get("outlook").from());
        assertEquals(at("2027-03-28T06:00"), got.get("outlook").to());
        assertEquals(at("2027-07-01T15:00"), got.get("montreal").from(), "09:00 in Montreal is 15:00 in Paris");
        assertEquals("Fermeture", got.get("montreal").summary());
        assertEquals(at("2027-06-14T10:00"), got.get("utc").from(), "08:00Z is 10:00 CEST");
        assertEquals("Formation des écoutants", got.get("utc").summary(), "folded line, unfolded");
        assertEquals(at("2027-03-10T14:00"), got.get("floating").from(), "floating time is the line's clock");
        assertEquals(at("2027-03-10T16:00"), got.get("floating").to());
    }

    @Test
    void yearlyAndWeeklyRulesAreExpandedWithExdateRdateAndMovedInstances() {
        CalendarReading reading = reader.read(calendar(
                "BEGIN:VEVENT", "UID:14juillet", "DTSTART;VALUE=DATE:20200714", "RRULE:FREQ=YEARLY",
                "EXDATE;VALUE=DATE:20270714", "SUMMARY:Fête nationale", "END:VEVENT",
                "BEGIN:VEVENT", "UID:formation", "DTSTART;TZID=Europe/Paris:20261202T090000",
                "DTEND;TZID=Europe/Paris:20261202T120000", "RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20270331T220000Z",
                "EXDATE;TZID=Europe/Paris:20261216T090000", "EXDATE:20261223T080000Z",
                "RDATE;TZID=Europe/Paris:20261205T090000", "SUMMARY:Formation", "END:VEVENT",
                "BEGIN:VEVENT", "UID:formation", "RECURRENCE-ID;TZID=Europe/Paris:20261209T090000",
                "DTSTART;TZID=Europe/Paris:20261209T140000", "DTEND;TZID=Europe/Paris:20261209T170000",
                "SUMMARY:Formation (après-midi)", "END:VEVENT",
                "BEGIN:VEVENT", "UID:formation", "RECURRENCE-ID;TZID=Europe/Paris:20261230T090000",
                "DTSTART;TZID=Europe/Paris:20261230T090000", "STATUS:CANCELLED", "END:VEVENT"),
                WINDOW, "Fermeture");
        Map<String, Occurrence> got = byKey(reading);
        assertFalse(got.containsKey("14juillet|20270714"), "EXDATE removes 2027");
        assertFalse(got.containsKey("14juillet|20260714"), "before the window");
        assertEquals(new Occurrence("14juillet", "20270714", "x", null, null).key(), "14juillet|20270714");
        List<Occurrence> formation = reading.occurrences().stream().filter(o -> o.uid().equals("formation"))
                .sorted(java.util.Comparator.comparing(Occurrence::from)).toList();
        // Wednesdays 2 Dec 2026 – 31 Mar 2027 (18), plus Saturday 5 Dec, minus 16 Dec (TZID EXDATE),
        // 23 Dec (UTC EXDATE) and 30 Dec (cancelled instance).
        assertEquals(16, formation.size(), formation.toString());
        assertEquals(at("2026-12-05T09:00"), formation.get(1).from(), "RDATE");
        Occurrence moved = got.get("formation|20261209T080000Z");
        assertEquals(at("2026-12-09T14:00"), moved.from(), "the RECURRENCE-ID instance replaces the rule's");
        assertEquals("Formation (après-midi)", moved.summary());
        assertFalse(got.containsKey("formation|20261216T080000Z"));
        assertFalse(got.containsKey("formation|20261223T080000Z"), "an EXDATE in UTC matches a TZID start");
        assertFalse(got.containsKey("formation|20261230T080000Z"));
        assertEquals(at("2027-03-31T09:00"), formation.get(formation.size() - 1).from(), "CEST after 28 March");
        assertTrue(reading.skipped().stream().anyMatch(s -> s.reason().contains("cancelled")), reading.skipped().toString());
    }

    @Test
    void cancelledZeroLengthAndRunawayEventsAreReportedWithTheirReason() {
        CalendarReading reading = reader.read(calendar(
                "BEGIN:VEVENT", "UID:annule", "DTSTART;VALUE=DATE:20270101", "STATUS:CANCELLED", "SUMMARY:Annulé", "END:VEVENT",
                "BEGIN:VEVENT", "UID:vide", "DTSTART:20270101T100000", "DTEND:20270101T100000", "END:VEVENT",
                "BEGIN:VEVENT", "UID:minute", "DTSTART:20270101T100000", "RRULE:FREQ=MINUTELY", "DURATION:PT1M", "END:VEVENT",
                "BEGIN:VEVENT", "UID:zone", "DTSTART;TZID=Mars/Olympus:20270101T100000", "DURATION:PT1H", "END:VEVENT",
                "BEGIN:VEVENT", "UID:ancien", "DTSTART;VALUE=DATE:20100101", "END:VEVENT"),
                WINDOW, "Fermeture");
        assertTrue(reading.occurrences().isEmpty(), reading.occurrences().toString());
        Map<String, String> reasons = reading.skipped().stream()
                .collect(Collectors.toMap(SkippedEvent::uid, SkippedEvent::reason));
        assertTrue(reasons.get("annule").contains("CANCELLED"), reasons.toString());
        assertTrue(reasons.get("vide").contains("takes no time"), reasons.toString());
        assertTrue(reasons.get("minute").contains("every minute"), reasons.toString());
        assertTrue(reasons.containsKey("zone"), reasons.toString());
        assertEquals(1, reading.outsideWindow(), "the 2010 event is outside the window, not an error");
    }

    @Test
    void malformedDocumentsAreRefusedNamingTheLine() {
        assertThrows(CalendarFormatException.class, () -> reader.read("hello", WINDOW, "x"));
        CalendarFormatException bad = assertThrows(CalendarFormatException.class, () -> reader.read(calendar(
                "BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:2027-01-01", "END:VEVENT"), WINDOW, "x"));
        assertTrue(bad.getMessage().contains("line"), bad.getMessage());
        CalendarFormatException many = assertThrows(CalendarFormatException.class, () -> new CalendarReader(10).read(
                calendar("BEGIN:VEVENT", "UID:d", "DTSTART;VALUE=DATE:20261201", "RRULE:FREQ=DAILY", "END:VEVENT"),
                WINDOW, "x"));
        assertTrue(many.getMessage().contains("more than 10"), many.getMessage());
    }

    @Test
    void eventsWithoutUidGetAStableOne() {
        String doc = calendar("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270501", "SUMMARY:Fête du travail", "END:VEVENT");
        String first = reader.read(doc, WINDOW, "x").occurrences().get(0).uid();
        assertEquals(first, reader.read(doc, WINDOW, "x").occurrences().get(0).uid());
        assertTrue(first.startsWith("no-uid-"));
    }
}
