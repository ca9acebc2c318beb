package org.helpline.router.schedule.calendar;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a line's uploads as one calendar: an upload replaces every event (master and moved instances) whose UID
 * it carries, and every time zone it defines, and leaves the others, so uploading two files keeps both and
 * uploading a corrected file replaces what it corrects.
 */
final class UploadMerge {

    private UploadMerge() {
    }

    /**
     * The line's upload calendar after this upload ({@code stored} is null before the first); {@code incoming}
     * itself when nothing stored outlives it.
     */
    static Calendar merge(String stored, Calendar incoming) {
        if (stored == null) {
            return incoming;
        }
        Set<String> uids = uidsOf(incoming);
        Set<String> tzids = incoming.<CalendarComponent>getComponents().stream()
                .filter(c -> Component.VTIMEZONE.equals(c.getName()))
                .map(UploadMerge::tzid).collect(Collectors.toSet());
        List<CalendarComponent> kept = new ArrayList<>();
        for (CalendarComponent c : CalendarReader.parse(stored).<CalendarComponent>getComponents()) {
            boolean replaced = c instanceof VEvent e ? uids.contains(CalendarReader.uidOf(e))
                    : Component.VTIMEZONE.equals(c.getName()) && tzids.contains(tzid(c));
            if (!replaced && (c instanceof VEvent || Component.VTIMEZONE.equals(c.getName()))) {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            // The upload replaces everything kept so far (a corrected file sent again): it is kept as sent,
            // as the first upload is, rather than written out again by ical4j.
            return incoming;
        }
        for (CalendarComponent c : incoming.<CalendarComponent>getComponents()) {
            if (c instanceof VEvent || Component.VTIMEZONE.equals(c.getName())) {
                kept.add(c);
            }
        }
        return new Calendar(incoming.getPropertyList(), new ComponentList<>(kept));
    }

    static Set<String> uidsOf(Calendar calendar) {
        return calendar.<VEvent>getComponents(Component.VEVENT).stream().map(CalendarReader::uidOf)
                .collect(Collectors.toSet());
    }

    private static String tzid(CalendarComponent c) {
        return c.getProperty(Property.TZID).map(Property::getValue).orElse("");
    }
}
