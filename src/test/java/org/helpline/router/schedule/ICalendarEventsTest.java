package org.helpline.router.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ICalendarEventsTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void readsAllDayTimedUtcAndZonedEventsWithFoldedLines() {
        String doc = String.join("\n",
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20270505", "DTEND;VALUE=DATE:20270507",
                "SUMMARY:Pont de l\\, Ascension", "END:VEVENT",
                "BEGIN:VEVENT", "UID:b", "DTSTART:20270614T080000Z", "DTEND:20270614T120000Z",
                "SUMMARY:Formation des", " écoutants", "END:VEVENT",
                "BEGIN:VEVENT", "UID:c", "DTSTART;TZID=America/Montreal:20270701T090000",
                "DTEND;TZID=America/Montreal:20270701T100000", "END:VEVENT",
                "END:VCALENDAR");
        ICalendarEvents.Parsed parsed = ICalendarEvents.parse(doc, PARIS);
        assertEquals(3, parsed.events().size());
        ICalendarEvents.Event allDay = parsed.events().get(0);
        assertEquals(LocalDateTime.parse("2027-05-05T00:00"), allDay.from());
        assertEquals(LocalDateTime.parse("2027-05-07T00:00"), allDay.to());
        assertEquals("Pont de l, Ascension", allDay.summary());
        ICalendarEvents.Event utc = parsed.events().get(1);
        assertEquals(LocalDateTime.parse("2027-06-14T10:00"), utc.from(), "08:00Z is 10:00 CEST");
        assertEquals("Formation desécoutants", utc.summary());
        ICalendarEvents.Event zoned = parsed.events().get(2);
        assertEquals(LocalDateTime.parse("2027-07-01T15:00"), zoned.from(), "09:00 in Montreal is 15:00 in Paris");
        assertEquals("Fermeture", zoned.summary());
    }

    @Test
    void recurringAndEmptyEventsAreReportedNotImported() {
        String doc = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY\nSUMMARY:An\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nDTSTART:20270101T100000\nDTEND:20270101T100000\nEND:VEVENT\nEND:VCALENDAR\n";
        ICalendarEvents.Parsed parsed = ICalendarEvents.parse(doc, PARIS);
        assertEquals(0, parsed.events().size());
        assertEquals(2, parsed.skipped().size());
        assertTrue(parsed.skipped().get(0).contains("recurring"));
    }

    @Test
    void malformedDocumentsNameTheLine() {
        IllegalArgumentException noCalendar = assertThrows(IllegalArgumentException.class,
                () -> ICalendarEvents.parse("BEGIN:VEVENT", PARIS));
        assertTrue(noCalendar.getMessage().contains("VCALENDAR"));
        IllegalArgumentException badDate = assertThrows(IllegalArgumentException.class,
                () -> ICalendarEvents.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027-01-01\nEND:VEVENT\nEND:VCALENDAR", PARIS));
        assertTrue(badDate.getMessage().startsWith("line 3"), badDate.getMessage());
        IllegalArgumentException unclosed = assertThrows(IllegalArgumentException.class,
                () -> ICalendarEvents.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101T100000\n", PARIS));
        assertTrue(unclosed.getMessage().contains("without END:VEVENT"));
    }
}
