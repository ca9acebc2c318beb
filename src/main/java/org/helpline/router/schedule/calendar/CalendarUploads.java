package org.helpline.router.schedule.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import net.fortuna.ical4j.model.Calendar;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.lines.LineService;
import org.helpline.router.schedule.ScheduledRange;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/lines/{code}/closures} (and special openings) with an iCalendar body: the upload is merged
 * into the line's upload calendar ({@link UploadMerge}), which is kept and re-expanded as time passes like a
 * subscription, so a yearly event uploaded once stays on the line year after year.
 */
@ApplicationScoped
public class CalendarUploads {

    private final LineService lines;
    private final CalendarSync sync;
    private final RefreshLock lock;
    private final CalendarConfig config;
    private final AuditTrail audit;
    private final Clock clock;

    CalendarUploads(LineService lines, CalendarSync sync, RefreshLock lock, CalendarConfig config, AuditTrail audit,
                    Clock clock) {
        this.lines = lines;
        this.sync = sync;
        this.lock = lock;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ImportResult upload(String code, ScheduledRange.Kind kind, String document) {
        Line line = lines.get(code);
        Calendar incoming;
        try {
            incoming = CalendarReader.parse(document);
        } catch (CalendarFormatException e) {
            throw ApiProblem.invalid("body", e.getMessage());
        }
        CalendarSource source = CalendarSource.uploadOf(line.id, kind).orElseGet(() -> create(line, kind));
        lock.lock(source.id);
        Instant now = Instant.now(clock);
        Calendar calendar = UploadMerge.merge(source.body, incoming);
        // The first upload is kept as sent; later ones as ical4j writes the merged calendar.
        String merged = calendar == incoming ? document : calendar.toString();
        if (merged.length() > config.maxSize().asLongValue()) {
            throw ApiProblem.tooLarge("body", "the line's uploaded calendar would grow past "
                    + config.maxSize().asLongValue() + " bytes; remove past events or use a subscription");
        }
        CalendarSync.Outcome outcome;
        try {
            outcome = sync.apply(line, source, calendar, now);
        } catch (CalendarFormatException e) {
            throw ApiProblem.invalid("body", e.getMessage());
        }
        source.body = merged;
        source.lastRefreshedAt = now;
        source.lastSuccessAt = now;
        source.lastError = null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("imported", outcome.imported());
        details.put("updated", outcome.updated());
        details.put("removed", outcome.removed());
        details.put("skipped", outcome.skipped().size());
        audit.record(CalendarSubscriptions.auditName(kind) + ".import", "line:" + code, details);
        if (outcome.changedLine()) {
            lines.publish(line);
        }
        Set<String> uploaded = UploadMerge.uidsOf(incoming);
        List<ScheduledRange> ranges = ScheduledRange.ofSource(source.id).stream()
                .filter(r -> uploaded.contains(r.sourceUid)).toList();
        return ImportResult.of(kind, outcome, ranges);
    }

    private static CalendarSource create(Line line, ScheduledRange.Kind kind) {
        CalendarSource source = new CalendarSource();
        source.lineId = line.id;
        source.kind = kind;
        source.origin = CalendarSource.Origin.UPLOAD;
        source.label = "uploads";
        source.persist();
        return source;
    }
}
