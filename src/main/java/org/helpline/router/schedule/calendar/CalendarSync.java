package org.helpline.router.schedule.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import net.fortuna.ical4j.model.Calendar;
import org.helpline.router.lines.Line;
import org.helpline.router.schedule.ScheduledRange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a line's ranges from one calendar source match what the source's document brings now: new occurrences
 * are added, changed ones updated, and those the document no longer brings (removed at the source, cancelled,
 * excluded by a new EXDATE, or past the look-back) deleted. Idempotent by UID and recurrence start.
 */
@ApplicationScoped
public class CalendarSync {

    static final int MAX_SKIPPED_KEPT = 500;

    private final CalendarConfig config;
    private final ObjectMapper json;
    private final CalendarReader reader;

    CalendarSync(CalendarConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.reader = new CalendarReader(config.maxOccurrences());
    }

    /** What one application of a document changed. */
    public record Outcome(int imported, int updated, int unchanged, int removed, int outsideWindow,
                          List<SkippedEvent> skipped, Set<String> uids) {

        public boolean changedLine() {
            return imported + updated + removed > 0;
        }
    }

    /** The window a document is read over at {@code now}. */
    public ImportWindow window(ZoneId zone, Instant now) {
        return new ImportWindow(zone, now.minus(config.lookBack()), now.plus(config.horizon()));
    }

    /**
     * What a parsed calendar brings over the window at {@code now}, for a source of this kind, or throws
     * {@link CalendarFormatException}. No database work: an upload reads outside its transaction.
     */
    public CalendarReading read(Calendar calendar, ZoneId zone, ScheduledRange.Kind kind, Instant now) {
        return reader.read(calendar, window(zone, now), defaultSummary(kind));
    }

    /** Reads the document (or throws {@link CalendarFormatException}) and applies it to the line. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(Line line, CalendarSource source, String document, Instant now) {
        return apply(line, source, CalendarReader.parse(document), now);
    }

    /** Applies a parsed calendar to the line. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(Line line, CalendarSource source, Calendar calendar, Instant now) {
        return apply(line, source, read(calendar, ZoneId.of(line.timeZone), source.kind, now));
    }

    /**
     * Makes the source's ranges match a reading: compared by key with the rows the source holds (read as plain
     * values), then written in at most three statements ({@link RangeChanges}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(Line line, CalendarSource source, CalendarReading reading) {
        List<SkippedEvent> skipped = new ArrayList<>(reading.skipped());
        Map<String, StoredOccurrence> existing = new HashMap<>();
        for (StoredOccurrence r : StoredOccurrence.ofSource(source.id)) {
            existing.put(r.key(), r);
        }
        Set<String> uids = new HashSet<>();
        RangeChanges changes = new RangeChanges();
        int unchanged = 0;
        for (Occurrence o : reading.occurrences()) {
            uids.add(o.uid());
            if (source.exclusions.contains(o.key())) {
                skipped.add(new SkippedEvent(o.uid(), o.summary(), "occurrence " + o.from() + " deleted from the line by an operator"));
                continue;
            }
            StoredOccurrence range = existing.remove(o.key());
            if (range == null) {
                changes.insert(o);
            } else if (range.sameAs(o, source.kind)) {
                unchanged++;
            } else {
                changes.update(range.id(), o); // also an operator's change of the subscription's kind
            }
        }
        for (StoredOccurrence gone : existing.values()) {
            changes.delete(gone.id());
        }
        adoptLegacyRanges(line, source, uids);
        changes.write(line.id, source);
        source.eventsImported = reading.occurrences().size() - (skipped.size() - reading.skipped().size());
        source.skipped = serialize(skipped);
        return new Outcome(changes.insertedCount(), changes.updatedCount(), unchanged, changes.deletedCount(),
                reading.outsideWindow(), skipped, uids);
    }

    /** Ranges imported before calendars were kept (UID only, no source) give way to the source's. */
    private static void adoptLegacyRanges(Line line, CalendarSource source, Set<String> uids) {
        if (!uids.isEmpty() && ScheduledRange.count("lineId = ?1 and kind = ?2 and sourceId is null and sourceUid is not null",
                line.id, source.kind) > 0) {
            ScheduledRange.delete("lineId = ?1 and kind = ?2 and sourceId is null and sourceUid in ?3",
                    line.id, source.kind, uids);
        }
    }

    private String serialize(List<SkippedEvent> skipped) {
        List<SkippedEvent> kept = skipped.size() <= MAX_SKIPPED_KEPT ? skipped : skipped.subList(0, MAX_SKIPPED_KEPT);
        try {
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The skipped events a source's last reading reported. */
    public List<SkippedEvent> skippedOf(CalendarSource source) {
        if (source.skipped == null) {
            return List.of();
        }
        try {
            return List.of(json.readValue(source.skipped, SkippedEvent[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    static String defaultSummary(ScheduledRange.Kind kind) {
        return kind == ScheduledRange.Kind.CLOSURE ? "Fermeture" : "Ouverture exceptionnelle";
    }
}
