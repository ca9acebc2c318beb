package org.helpline.router.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the events of an iCalendar (RFC 5545) document, such as a public-holiday feed, as local date-time
 * ranges in a line's zone. All-day events cover whole days (DTEND exclusive, one day when absent); timed
 * events in UTC or with a TZID are converted to the line's zone. Recurring events are reported, not guessed.
 */
public final class ICalendarEvents {

    /** One event read from the feed. */
    public record Event(String uid, String summary, LocalDateTime from, LocalDateTime to) {
    }

    /** The events read, and the ones left out with the reason. */
    public record Parsed(List<Event> events, List<String> skipped) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private ICalendarEvents() {
    }

    /** Parses the document; throws {@link IllegalArgumentException} naming the line at fault. */
    public static Parsed parse(String document, ZoneId lineZone) {
        if (document == null || !document.contains("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("not an iCalendar document (no BEGIN:VCALENDAR)");
        }
        List<String> lines = unfold(document);
        List<Event> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Property> current = null;
        int eventLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.isBlank()) {
                continue;
            }
            if (raw.equals("BEGIN:VEVENT")) {
                current = new HashMap<>();
                eventLine = i + 1;
            } else if (raw.equals("END:VEVENT")) {
                if (current == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": END:VEVENT without BEGIN:VEVENT");
                }
                toEvent(current, lineZone, eventLine, events, skipped);
                current = null;
            } else if (current != null) {
                Property p = Property.parse(raw, i + 1);
                current.putIfAbsent(p.name(), p);
            }
        }
        if (current != null) {
            throw new IllegalArgumentException("line " + eventLine + ": BEGIN:VEVENT without END:VEVENT");
        }
        return new Parsed(events, skipped);
    }

    private static void toEvent(Map<String, Property> props, ZoneId zone, int line,
                                List<Event> events, List<String> skipped) {
        String summary = props.containsKey("SUMMARY") ? unescape(props.get("SUMMARY").value()) : "Fermeture";
        if (props.containsKey("RRULE")) {
            skipped.add("line " + line + " (" + summary + "): recurring events are not imported; list each date");
            return;
        }
        Property start = props.get("DTSTART");
        if (start == null) {
            throw new IllegalArgumentException("line " + line + ": VEVENT without DTSTART");
        }
        boolean allDay = isDate(start);
        LocalDateTime from = toLocal(start, zone);
        Property end = props.get("DTEND");
        LocalDateTime to = end != null ? toLocal(end, zone)
                : allDay ? from.plusDays(1) : from;
        if (!to.isAfter(from)) {
            skipped.add("line " + line + " (" + summary + "): ends before it starts or lasts no time");
            return;
        }
        String uid = props.containsKey("UID") ? props.get("UID").value().trim() : null;
        events.add(new Event(uid, summary.isBlank() ? "Fermeture" : summary, from, to));
    }

    private static boolean isDate(Property p) {
        return "DATE".equalsIgnoreCase(p.params().get("VALUE")) || p.value().trim().length() == 8;
    }

    private static LocalDateTime toLocal(Property p, ZoneId zone) {
        String v = p.value().trim();
        try {
            if (isDate(p)) {
                return LocalDate.parse(v, DATE).atStartOfDay();
            }
            if (v.endsWith("Z")) {
                Instant instant = LocalDateTime.parse(v.substring(0, v.length() - 1), DATE_TIME)
                        .toInstant(java.time.ZoneOffset.UTC);
                return instant.atZone(zone).toLocalDateTime();
            }
            LocalDateTime local = LocalDateTime.parse(v, DATE_TIME);
            String tzid = p.params().get("TZID");
            if (tzid != null) {
                return ZonedDateTime.of(local, ZoneId.of(tzid)).withZoneSameInstant(zone).toLocalDateTime();
            }
            return local;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("line " + p.line() + ": " + p.name() + " '" + v
                    + "' is not an iCalendar date or date-time");
        }
    }

    private static List<String> unfold(String document) {
        List<String> result = new ArrayList<>();
        for (String l : document.split("\r\n|\n|\r", -1)) {
            if ((l.startsWith(" ") || l.startsWith("\t")) && !result.isEmpty()) {
                int last = result.size() - 1;
                result.set(last, result.get(last) + l.substring(1));
            } else {
                result.add(l);
            }
        }
        return result;
    }

    private static String unescape(String text) {
        return text.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\").trim();
    }

    private record Property(String name, Map<String, String> params, String value, int line) {

        static Property parse(String raw, int line) {
            int colon = raw.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + line + ": not a 'NAME:value' property");
            }
            String[] head = raw.substring(0, colon).split(";");
            Map<String, String> params = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int eq = head[i].indexOf('=');
                if (eq > 0) {
                    params.put(head[i].substring(0, eq).toUpperCase(java.util.Locale.ROOT),
                            head[i].substring(eq + 1).replace("\"", ""));
                }
            }
            return new Property(head[0].toUpperCase(java.util.Locale.ROOT), params, raw.substring(colon + 1), line);
        }
    }
}
