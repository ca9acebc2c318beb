package org.helpline.router.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.lines.LineResponse;
import org.helpline.router.lines.LineService;
import org.helpline.router.lines.LineView;
import org.helpline.router.lines.OpeningPeriod;
import org.helpline.router.schedule.calendar.CalendarSource;
import org.helpline.router.schedule.calendar.Occurrence;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Opening hours, closures, special openings and overrides of a line, and its status at an instant. */
@ApplicationScoped
public class ScheduleService {

    /** The furthest an override may reach: it is a temporary measure, the hours and closures are the plan. */
    static final java.time.Duration MAX_OVERRIDE = java.time.Duration.ofDays(731);

    private final LineService lines;
    private final AuditTrail audit;
    private final Clock clock;

    ScheduleService(LineService lines, AuditTrail audit, Clock clock) {
        this.lines = lines;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Line replaceOpeningHours(String code, ScheduleBodies.OpeningHoursBody body) {
        Line line = lines.get(code);
        if (body == null || body.periods() == null) {
            throw ApiProblem.invalid("periods", "is required (an empty list closes the line outside closures and overrides)");
        }
        FieldErrors errors = new FieldErrors();
        List<WeeklyPeriod> parsed = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < body.periods().size(); i++) {
            LineResponse.PeriodBody p = body.periods().get(i);
            String prefix = "periods[" + i + "]";
            if (p == null) {
                errors.add(prefix, "must not be null");
                continue;
            }
            DayOfWeek day = errors.oneOf(prefix + ".day", p.day(), DayOfWeek.class);
            LocalTime from = errors.time(prefix + ".from", p.from());
            LocalTime to = errors.time(prefix + ".to", p.to());
            if (day == null || from == null || to == null) {
                continue;
            }
            WeeklyPeriod candidate = new WeeklyPeriod(day, from, to);
            for (int j = 0; j < parsed.size(); j++) {
                if (parsed.get(j).overlaps(candidate)) {
                    WeeklyPeriod other = parsed.get(j);
                    errors.add(prefix, "overlaps periods[" + indexes.get(j) + "] (" + other.day() + " "
                            + other.from() + "–" + other.to() + ")");
                    break;
                }
            }
            parsed.add(candidate);
            indexes.add(i);
        }
        errors.throwIfAny();
        line.openingPeriods.clear();
        for (WeeklyPeriod p : parsed) {
            line.openingPeriods.add(new OpeningPeriod(p.day(), p.from(), p.to()));
        }
        line.updatedAt = Instant.now(clock);
        audit.record("opening-hours.replace", "line:" + code, body);
        lines.publish(line);
        return line;
    }

    public Line line(String code) {
        return lines.get(code);
    }

    public List<ScheduleBodies.RangeBody> ranges(String code, ScheduledRange.Kind kind) {
        Line line = lines.get(code);
        Set<Long> subscriptions = CalendarSource.subscriptionsOf(line.id).stream().map(s -> s.id).collect(Collectors.toSet());
        return ScheduledRange.of(line.id, kind).stream().map(r -> ScheduleBodies.RangeBody.of(r, subscriptions)).toList();
    }

    @Transactional
    public ScheduledRange addRange(String code, ScheduledRange.Kind kind, ScheduleBodies.RangeBody body) {
        Line line = lines.get(code);
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        LocalDateTime from = errors.localDateTime("from", body.from());
        LocalDateTime to = errors.localDateTime("to", body.to());
        String reason = errors.required("reason", body.reason());
        errors.maxLength("reason", reason, 500);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add("to", "must be after from");
        }
        errors.throwIfAny();
        ScheduledRange range = new ScheduledRange();
        range.lineId = line.id;
        range.kind = kind;
        range.from = from;
        range.to = to;
        range.reason = reason;
        range.persist();
        audit.record(auditName(kind) + ".create", "line:" + code, body);
        lines.publish(line);
        return range;
    }

    @Transactional
    public void deleteRange(String code, ScheduledRange.Kind kind, long id) {
        Line line = lines.get(code);
        ScheduledRange range = ScheduledRange.<ScheduledRange>findByIdOptional(id)
                .filter(r -> r.lineId.equals(line.id) && r.kind == kind)
                .orElseThrow(() -> ApiProblem.notFound(auditName(kind) + " " + id + " of line '" + code + "'"));
        range.delete();
        if (range.sourceId != null) {
            // An imported occurrence: its calendar would bring it back at the next refresh unless excluded.
            CalendarSource.<CalendarSource>findByIdOptional(range.sourceId).ifPresent(source -> source.exclusions.add(
                    new Occurrence(range.sourceUid, range.sourceRecurrence, range.reason, range.from, range.to).key()));
        }
        audit.record(auditName(kind) + ".delete", "line:" + code, ScheduleBodies.RangeBody.of(range));
        lines.publish(line);
    }

    @Transactional
    public Line setOverride(String code, ScheduleBodies.OverrideRequest body) {
        Line line = lines.get(code);
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        String state = errors.required("state", body.state());
        if (state != null && !state.equals("OPEN") && !state.equals("CLOSED")) {
            errors.add("state", "must be OPEN or CLOSED");
        }
        Instant until = errors.instant("until", body.until());
        if (until != null && !until.isAfter(Instant.now(clock))) {
            errors.add("until", "must be in the future");
        } else if (until != null && until.isAfter(Instant.now(clock).plus(MAX_OVERRIDE))) {
            errors.add("until", "must be within " + MAX_OVERRIDE.toDays() + " days; for a longer change use closures "
                    + "or the opening hours");
        }
        String reason = errors.required("reason", body.reason());
        errors.maxLength("reason", reason, 500);
        errors.throwIfAny();
        line.overrideOpen = state.equals("OPEN");
        line.overrideUntil = until;
        line.overrideReason = reason;
        line.updatedAt = Instant.now(clock);
        audit.record("override.set", "line:" + code, body);
        lines.publish(line);
        return line;
    }

    @Transactional
    public void clearOverride(String code) {
        Line line = lines.get(code);
        line.clearOverride();
        line.updatedAt = Instant.now(clock);
        audit.record("override.clear", "line:" + code, null);
        lines.publish(line);
    }

    @Transactional
    public LineStatus status(String code, Instant at) {
        Line line = lines.get(code);
        LineView view = LineView.of(line, ScheduledRange.readOnlyOfLine(line.id));
        return OpeningHours.evaluate(view.schedule(), at == null ? Instant.now(clock) : at);
    }

    static String auditName(ScheduledRange.Kind kind) {
        return kind == ScheduledRange.Kind.CLOSURE ? "closure" : "special-opening";
    }
}
