package org.helpline.router.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.lines.LineService;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns an iCalendar feed into closures of a line, idempotently by event UID. */
@ApplicationScoped
public class ICalendarImport {

    static final int MAX_EVENTS = 2000;

    private final LineService lines;
    private final AuditTrail audit;

    ICalendarImport(LineService lines, AuditTrail audit) {
        this.lines = lines;
        this.audit = audit;
    }

    @Transactional
    public ScheduleBodies.ImportResult importClosures(String code, String document) {
        Line line = lines.get(code);
        ICalendarEvents.Parsed parsed;
        try {
            parsed = ICalendarEvents.parse(document, ZoneId.of(line.timeZone));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("body", e.getMessage());
        }
        if (parsed.events().size() > MAX_EVENTS) {
            throw ApiProblem.invalid("body", "holds " + parsed.events().size() + " events; at most " + MAX_EVENTS);
        }
        int imported = 0;
        int updated = 0;
        List<ScheduleBodies.RangeBody> result = new ArrayList<>();
        for (ICalendarEvents.Event e : parsed.events()) {
            ScheduledRange range = e.uid() == null ? null : ScheduledRange.<ScheduledRange>find(
                    "lineId = ?1 and kind = ?2 and sourceUid = ?3", line.id, ScheduledRange.Kind.CLOSURE, e.uid())
                    .firstResult();
            if (range == null) {
                range = new ScheduledRange();
                range.lineId = line.id;
                range.kind = ScheduledRange.Kind.CLOSURE;
                range.sourceUid = e.uid();
                imported++;
            } else {
                updated++;
            }
            range.from = e.from();
            range.to = e.to();
            range.reason = e.summary().length() > 500 ? e.summary().substring(0, 500) : e.summary();
            range.persist();
            result.add(ScheduleBodies.RangeBody.of(range));
        }
        audit.record("closure.import", "line:" + code,
                Map.of("imported", imported, "updated", updated, "skipped", parsed.skipped().size()));
        lines.publish(line);
        return new ScheduleBodies.ImportResult(imported, updated, parsed.skipped(), result);
    }
}
