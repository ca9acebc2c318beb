package org.helpline.router.schedule.calendar;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarParserFactory;
import net.fortuna.ical4j.data.ContentHandlerContext;
import net.fortuna.ical4j.data.DefaultComponentFactorySupplier;
import net.fortuna.ical4j.data.DefaultParameterFactorySupplier;
import net.fortuna.ical4j.data.DefaultPropertyFactorySupplier;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentFactory;
import net.fortuna.ical4j.model.ParameterFactory;
import net.fortuna.ical4j.model.PropertyFactory;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an iCalendar (RFC 5545) document into the occurrences a line keeps, through ical4j: parsing, line
 * unfolding, VTIMEZONE and IANA time zones, DTEND / DURATION / all-day defaults and RRULE / RDATE / EXDATE
 * expansion are the library's. What is the service's own: events are grouped by UID so that an instance given
 * with a RECURRENCE-ID replaces (or, cancelled, removes) the occurrence it names, cancelled events are left out,
 * and everything is turned into the line's local time. Every event that brings nothing is reported with why.
 */
public final class CalendarReader {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final int maxOccurrences;

    public CalendarReader(int maxOccurrences) {
        this.maxOccurrences = maxOccurrences;
    }

    /**
     * ical4j's factories of properties, parameters and components, made once. {@code new CalendarBuilder()}
     * uses ical4j's default suppliers, which make every factory again (some 70 objects) for each property
     * read: a fifth of the time a 1 MB calendar took to parse. The factories hold no state, so one set serves
     * every parse, as they do ical4j's own default registries.
     */
    private static final List<PropertyFactory<?>> PROPERTIES = List.copyOf(new DefaultPropertyFactorySupplier().get());
    private static final List<ParameterFactory<?>> PARAMETERS = List.copyOf(new DefaultParameterFactorySupplier().get());
    private static final List<ComponentFactory<?>> COMPONENTS = List.copyOf(new DefaultComponentFactorySupplier().get());

    /** Parses the document, or throws {@link CalendarFormatException} naming the line at fault. */
    public static Calendar parse(String document) {
        if (document == null || document.isBlank()) {
            throw new CalendarFormatException("is empty; expected an iCalendar document (BEGIN:VCALENDAR)");
        }
        try {
            // What new CalendarBuilder() sets up, with the factories above.
            ContentHandlerContext factories = new ContentHandlerContext().withPropertyFactorySupplier(() -> PROPERTIES)
                    .withParameterFactorySupplier(() -> PARAMETERS).withComponentFactorySupplier(() -> COMPONENTS);
            return new CalendarBuilder(CalendarParserFactory.getInstance().get(), factories,
                    TimeZoneRegistryFactory.getInstance().createRegistry()).build(new StringReader(document));
        } catch (ParserException e) {
            throw new CalendarFormatException("is not a valid iCalendar document: line " + e.getLineNo() + ": "
                    + firstLine(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            throw new CalendarFormatException("is not a valid iCalendar document: " + firstLine(e.getMessage()));
        }
    }

    /** The occurrences of every event within the window, in the line's local time. */
    public CalendarReading read(String document, ImportWindow window, String defaultSummary) {
        return read(parse(document), window, defaultSummary);
    }

    /** The same for a calendar already parsed. */
    public CalendarReading read(Calendar calendar, ImportWindow window, String defaultSummary) {
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            byUid.computeIfAbsent(uidOf(event), k -> new ArrayList<>()).add(event);
        }
        List<Occurrence> occurrences = new ArrayList<>();
        List<SkippedEvent> skipped = new ArrayList<>();
        int[] outside = {0};
        for (Map.Entry<String, List<VEvent>> series : byUid.entrySet()) {
            readSeries(series.getKey(), series.getValue(), window, defaultSummary, occurrences, skipped, outside);
            if (occurrences.size() > maxOccurrences) {
                throw new CalendarFormatException("brings more than " + maxOccurrences
                        + " occurrences within the import window; split it or shorten its recurrences");
            }
        }
        return new CalendarReading(occurrences, skipped, outside[0]);
    }

    private static void readSeries(String uid, List<VEvent> events, ImportWindow window, String defaultSummary,
                                   List<Occurrence> out, List<SkippedEvent> skipped, int[] outside) {
        VEvent master = null;
        Map<String, VEvent> overrides = new LinkedHashMap<>();
        for (VEvent event : events) {
            String summary = summaryOf(event, defaultSummary);
            try {
                if (event.getProperty(Property.RECURRENCE_ID).isPresent()) {
                    overrides.put(ImportWindow.recurrenceKey(
                            event.<DateProperty<Temporal>>getRequiredProperty(Property.RECURRENCE_ID).getDate()), event);
                } else if (master == null) {
                    master = event;
                } else {
                    skipped.add(new SkippedEvent(uid, summary, "another event has the same UID"));
                }
            } catch (RuntimeException e) {
                skipped.add(new SkippedEvent(uid, summary, "RECURRENCE-ID cannot be read: " + firstLine(e.getMessage())));
            }
        }
        Map<String, Occurrence> byKey = new LinkedHashMap<>();
        if (master != null) {
            expand(uid, master, window, defaultSummary, byKey, skipped, outside, null);
        }
        for (Map.Entry<String, VEvent> override : overrides.entrySet()) {
            // RFC 5545 3.8.4.4: the instance replaces the one the rule put at its RECURRENCE-ID.
            byKey.remove(override.getKey());
            expand(uid, override.getValue(), window, defaultSummary, byKey, skipped, outside, override.getKey());
        }
        out.addAll(byKey.values());
    }

    private static void expand(String uid, VEvent event, ImportWindow window, String defaultSummary,
                               Map<String, Occurrence> byKey, List<SkippedEvent> skipped, int[] outside,
                               String recurrenceId) {
        String summary = summaryOf(event, defaultSummary);
        if (isCancelled(event)) {
            skipped.add(new SkippedEvent(uid, summary, recurrenceId == null ? "cancelled (STATUS:CANCELLED)"
                    : "occurrence " + recurrenceId + " cancelled (STATUS:CANCELLED)"));
            return;
        }
        List<EventExpansion.Span> spans;
        try {
            spans = EventExpansion.occurrences(event, window);
        } catch (EventExpansion.SkipException e) {
            skipped.add(new SkippedEvent(uid, summary, e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // ical4j reports unknown zones, malformed dates and mixed date kinds in RRULE/RDATE/EXDATE in
            // several exception types; any of them is this event's fault, never the whole calendar's.
            skipped.add(new SkippedEvent(uid, summary, "its dates cannot be read: " + firstLine(e.getMessage())));
            return;
        }
        boolean recurring = recurrenceId != null || !event.getProperties(Property.RRULE).isEmpty()
                || !event.getProperties(Property.RDATE).isEmpty();
        if (spans.isEmpty()) {
            outside[0]++;
        }
        for (EventExpansion.Span span : spans) {
            LocalDateTime from = window.local(span.start());
            LocalDateTime to = window.local(span.end());
            if (!to.isAfter(from)) {
                skipped.add(new SkippedEvent(uid, summary, "takes no time (a DTSTART with a time needs a DTEND or"
                        + " DURATION after it)"));
                return;
            }
            if (!window.overlaps(from, to)) {
                outside[0]++;
                continue;
            }
            String key = recurrenceId != null ? recurrenceId : recurring ? span.key() : "";
            byKey.put(key, new Occurrence(uid, key, summary, from, to));
        }
    }

    private static boolean isCancelled(VEvent event) {
        return event.getProperty(Property.STATUS).map(s -> "CANCELLED".equalsIgnoreCase(s.getValue().trim()))
                .orElse(false);
    }

    /** The UID, or for an event without one a stable stand-in from its start and summary. */
    static String uidOf(VEvent event) {
        String uid = event.getProperty(Property.UID).map(Property::getValue).map(String::trim).orElse("");
        if (!uid.isEmpty()) {
            return uid.length() > 255 ? uid.substring(0, 255) : uid;
        }
        String seed = event.getProperty(Property.DTSTART).map(Property::getValue).orElse("") + "|"
                + event.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "no-uid-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String summaryOf(VEvent event, String fallback) {
        String summary = WHITESPACE.matcher(event.getProperty(Property.SUMMARY).map(Property::getValue).orElse(""))
                .replaceAll(" ").trim();
        if (summary.isEmpty()) {
            return fallback;
        }
        return summary.length() > 500 ? summary.substring(0, 500) : summary;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
