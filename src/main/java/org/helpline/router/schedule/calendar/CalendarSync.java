package org.helpline.router.schedule.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import net.fortuna.ical4j.model.Calendar;
import org.helpline.router.lines.Line;
import org.helpline.router.schedule.ScheduledRange;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
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

    /** Reads the document (or throws {@link CalendarFormatException}) and applies it to the line. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(Line line, CalendarSource source, String document, Instant now) {
        return apply(line, source, CalendarReader.parse(document), now);
    }

    /** Applies a parsed calendar to the line. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(Line line, CalendarSource source, Calendar calendar, Instant now) {
        CalendarReading reading = reader.read(calendar, window(ZoneId.of(line.timeZone), now), defaultSummary(source.kind));
        List<SkippedEvent> skipped = new ArrayList<>(reading.skipped());
        Map<String, ScheduledRange> existing = new HashMap<>();
        for (ScheduledRange r : ScheduledRange.ofSource(source.id)) {
            existing.put(key(r.sourceUid, r.sourceRecurrence), r);
        }
        Set<String> uids = new HashSet<>();
        List<Occurrence> fresh = new ArrayList<>();
        int updated = 0;
        int unchanged = 0;
        for (Occurrence o : reading.occurrences()) {
            uids.add(o.uid());
            if (source.exclusions.contains(o.key())) {
                skipped.add(new SkippedEvent(o.uid(), o.summary(), "occurrence " + o.from() + " deleted from the line by an operator"));
                continue;
            }
            ScheduledRange range = existing.remove(o.key());
            if (range == null) {
                fresh.add(o);
            } else if (range.from.equals(o.from()) && range.to.equals(o.to()) && range.reason.equals(o.summary())
                    && range.kind == source.kind) {
                unchanged++;
            } else {
                range.kind = source.kind; // an operator changed the subscription's kind
                range.from = o.from();
                range.to = o.to();
                range.reason = o.summary();
                updated++;
            }
        }
        for (ScheduledRange gone : existing.values()) {
            gone.delete();
        }
        adoptLegacyRanges(line, source, uids);
        insert(line, source, fresh);
        source.eventsImported = reading.occurrences().size() - (skipped.size() - reading.skipped().size());
        source.skipped = serialize(skipped);
        return new Outcome(fresh.size(), updated, unchanged, existing.size(), reading.outsideWindow(), skipped, uids);
    }

    /** Ranges imported before calendars were kept (UID only, no source) give way to the source's. */
    private static void adoptLegacyRanges(Line line, CalendarSource source, Set<String> uids) {
        if (!uids.isEmpty() && ScheduledRange.count("lineId = ?1 and kind = ?2 and sourceId is null and sourceUid is not null",
                line.id, source.kind) > 0) {
            ScheduledRange.delete("lineId = ?1 and kind = ?2 and sourceId is null and sourceUid in ?3",
                    line.id, source.kind, uids);
        }
    }

    /** One JDBC batch: a 1 MB calendar brings thousands of occurrences, and identity keys defeat Hibernate's batching. */
    private static void insert(Line line, CalendarSource source, List<Occurrence> occurrences) {
        if (occurrences.isEmpty()) {
            return;
        }
        Panache.getEntityManager().flush();
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dated_range (line_id, kind,"
                    + " from_local, to_local, reason, source_uid, source_id, source_recurrence, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())")) {
                for (Occurrence o : occurrences) {
                    insert.setLong(1, line.id);
                    insert.setString(2, source.kind.name());
                    insert.setTimestamp(3, Timestamp.valueOf(o.from()));
                    insert.setTimestamp(4, Timestamp.valueOf(o.to()));
                    insert.setString(5, o.summary());
                    insert.setString(6, o.uid());
                    insert.setLong(7, source.id);
                    insert.setString(8, o.recurrence());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
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

    private static String key(String uid, String recurrence) {
        return recurrence == null || recurrence.isEmpty() ? uid : uid + "|" + recurrence;
    }
}
