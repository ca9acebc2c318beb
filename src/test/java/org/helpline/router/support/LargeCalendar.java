package org.helpline.router.support;

import java.time.LocalDate;

/**
 * A calendar of about 1 MB, the most one calendar may hold ({@code helpline.calendar.max-size}), shaped like an
 * agenda program's export: one event a day or so over 390 days from {@code first}, each with a {@code TZID}
 * start and end (Europe/Paris, 00:00 to 09:30 local) and a summary long enough to be folded. Used by the import
 * test and by the calendar benchmark ({@code scripts/bench calendar}).
 *
 * @param document the iCalendar text
 * @param events   how many events it holds (every one inside an import window that starts before {@code first})
 */
public record LargeCalendar(String document, int events) {

    /** Event {@code n} is on {@code first + n % 390} days, from {@code 0(n%10):00} to {@code 0(n%10):30} in Paris. */
    public static LargeCalendar oneMegabyte(LocalDate first) {
        StringBuilder events = new StringBuilder();
        int n = 0;
        while (events.length() < 1_000_000 - 400) {
            event(events, first, n++, "");
        }
        return new LargeCalendar(wrap(events), n);
    }

    /** The same events with every summary changed: the same calendar corrected everywhere (a little larger). */
    public static LargeCalendar corrected(LocalDate first, int events) {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < events; n++) {
            event(text, first, n, " bis");
        }
        return new LargeCalendar(wrap(text), events);
    }

    private static void event(StringBuilder out, LocalDate first, int n, String suffix) {
        String date = first.plusDays(n % 390).toString().replace("-", "");
        out.append("BEGIN:VEVENT\r\nUID:evenement-").append(n).append("@bench\r\nDTSTAMP:20261130T120000Z\r\n")
                .append("DTSTART;TZID=Europe/Paris:").append(date).append("T0").append(n % 10).append("0000\r\n")
                .append("DTEND;TZID=Europe/Paris:").append(date).append("T0").append(n % 10).append("3000\r\n")
                .append("SUMMARY:Permanence ").append(n).append(" : un résumé assez long pour que la ligne soit\r\n")
                .append("  pliée comme le font les logiciels d'agenda").append(suffix).append("\r\nEND:VEVENT\r\n");
    }

    private static String wrap(StringBuilder events) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n" + events.toString().strip()
                + "\r\nEND:VCALENDAR\r\n";
    }
}
