package org.helpline.router.lines;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.schedule.ScheduledRange;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Creates, changes and removes lines; every change is audited and published to the {@link LineDirectory}. */
@ApplicationScoped
public class LineService {

    static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** The languages the project ships prompts in ({@code asterisk-config/sounds/fr}, {@code …/en}). */
    public static final List<String> LANGUAGES = List.of("fr", "en");
    static final int MAX_WAIT_LIMIT = 3600;

    private final AuditTrail audit;
    private final LineDirectory directory;
    private final Event<LineDeleted> deleted;
    private final Clock clock;
    private final CrisisNumberPolicy crisisNumbers;

    LineService(AuditTrail audit, LineDirectory directory, Event<LineDeleted> deleted, Clock clock,
                CrisisNumberPolicy crisisNumbers) {
        this.audit = audit;
        this.directory = directory;
        this.deleted = deleted;
        this.clock = clock;
        this.crisisNumbers = crisisNumbers;
    }

    public Line get(String code) {
        return Line.findByCode(code).orElseThrow(() -> ApiProblem.notFound("Line '" + code + "'"));
    }

    public List<Line> list() {
        return Line.list("order by code");
    }

    @Transactional
    public Line create(LineRequest request) {
        if (request == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        String code = errors.matching("code", request.code(), CODE,
                "must be a lowercase slug of letters, digits and dashes, e.g. ecoute-nuit");
        errors.maxLength("code", code, 40);
        Line line = new Line();
        apply(line, request, code, errors);
        errors.throwIfAny();
        if (Line.findByCode(code).isPresent()) {
            throw ApiProblem.conflict("code", "A line with code '" + code + "' already exists");
        }
        checkNumberFree(line.number, null);
        line.code = code;
        line.persist();
        audit.record("line.create", "line:" + code, request);
        publish(line);
        return line;
    }

    @Transactional
    public Line update(String code, LineRequest request) {
        Line line = get(code);
        if (request == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        if (request.code() != null && !request.code().equals(code)) {
            errors.add("code", "cannot be changed; create a new line instead");
        }
        apply(line, request, code, errors);
        errors.throwIfAny();
        checkNumberFree(line.number, line.id);
        line.updatedAt = Instant.now(clock);
        audit.record("line.update", "line:" + code, request);
        publish(line);
        return line;
    }

    @Transactional
    public void delete(String code) {
        Line line = get(code);
        ScheduledRange.delete("lineId", line.id);
        LineMessage.delete("lineCode", code);
        line.delete();
        audit.record("line.delete", "line:" + code, null);
        directory.publishOnCommit(code, null);
        deleted.fire(new LineDeleted(code));
    }

    /** Re-publishes a line's view after its schedule or messages changed; call inside the changing transaction. */
    public void publish(Line line) {
        publish(line, ScheduledRange.readOnlyOfLine(line.id));
    }

    /** The same, with the line's closures and special openings already read in this transaction. */
    public void publish(Line line, List<ScheduledRange> ranges) {
        directory.publishOnCommit(line.code, LineView.of(line, ranges, LineMessage.customNames(line.code, line.language)));
    }

    private void checkNumberFree(String number, Long ownId) {
        Line.findByNumber(number).filter(other -> !other.id.equals(ownId)).ifPresent(other -> {
            throw ApiProblem.conflict("number", "The number " + number + " already belongs to line '" + other.code + "'");
        });
    }

    private void apply(Line line, LineRequest r, String code, FieldErrors errors) {
        String name = errors.required("name", r.name());
        errors.maxLength("name", name, 200);
        String number = errors.matching("number", r.number(), PhoneNumbers.E164,
                "must be an E.164 number such as +33800123456");
        ZoneId zone = r.timeZone() == null ? ZoneId.of("Europe/Paris") : errors.zone("timeZone", r.timeZone());
        String language = r.language() == null ? "fr" : r.language().trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            errors.add("language", "must be one of " + LANGUAGES);
        }
        int maxWait = r.maxWaitSeconds() == null ? 300 : r.maxWaitSeconds();
        if (maxWait < 10 || maxWait > MAX_WAIT_LIMIT) {
            errors.add("maxWaitSeconds", "must be between 10 and " + MAX_WAIT_LIMIT);
        }
        String queue = r.queue() == null ? code : r.queue().trim();
        if (queue != null && !QUEUE.matcher(queue).matches()) {
            errors.add("queue", "must be an Asterisk queue name: letters, digits, '_' or '-', at most 80");
        }
        List<CrisisNumber> crisis = new ArrayList<>();
        if (r.crisisNumbers() != null) {
            for (int i = 0; i < r.crisisNumbers().size(); i++) {
                LineRequest.CrisisNumberBody c = r.crisisNumbers().get(i);
                String prefix = "crisisNumbers[" + i + "]";
                if (c == null) {
                    errors.add(prefix, "must not be null");
                    continue;
                }
                String label = errors.required(prefix + ".label", c.label());
                errors.maxLength(prefix + ".label", label, 200);
                String dial = errors.required(prefix + ".number", c.number());
                if (dial != null && !crisisNumbers.accepts(dial)) {
                    errors.add(prefix + ".number", crisisNumbers.rule());
                    dial = null;
                }
                crisis.add(new CrisisNumber(label, dial));
            }
        }
        LineRules rules = rules(r.rules(), errors);
        if (!errors.isEmpty()) {
            return;
        }
        line.rules = rules;
        line.crisisTransfer = Boolean.TRUE.equals(r.crisisTransfer());
        line.name = name;
        line.number = number;
        line.timeZone = zone.getId();
        line.language = language;
        line.maxWaitSeconds = maxWait;
        line.queue = queue;
        line.crisisNumbers.clear();
        line.crisisNumbers.addAll(crisis);
    }

    /** PUT replaces a line's settings: a rule left out takes its default. */
    private static LineRules rules(LineRequest.RulesBody body, FieldErrors errors) {
        LineRules next = new LineRules();
        LineRules base = new LineRules();
        LineRequest.RulesBody b = body == null
                ? new LineRequest.RulesBody(null, null, null, null, null, null, null) : body;
        next.maxWaitingCallers = bounded(errors, "rules.maxWaitingCallers", b.maxWaitingCallers(), base.maxWaitingCallers, 1, 500);
        next.serviceLevelSeconds = bounded(errors, "rules.serviceLevelSeconds", b.serviceLevelSeconds(), base.serviceLevelSeconds, 5, 3600);
        next.wrapUpSeconds = bounded(errors, "rules.wrapUpSeconds", b.wrapUpSeconds(), base.wrapUpSeconds, 0, 1800);
        next.longCallMinutes = bounded(errors, "rules.longCallMinutes", b.longCallMinutes(), base.longCallMinutes, 1, 600);
        next.restAfterLongCallSeconds = bounded(errors, "rules.restAfterLongCallSeconds", b.restAfterLongCallSeconds(), base.restAfterLongCallSeconds, 0, 7200);
        next.breakReminderMinutes = bounded(errors, "rules.breakReminderMinutes", b.breakReminderMinutes(), base.breakReminderMinutes, 10, 1440);
        next.breakReminderCalls = bounded(errors, "rules.breakReminderCalls", b.breakReminderCalls(), base.breakReminderCalls, 1, 200);
        return next;
    }

    private static int bounded(FieldErrors errors, String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(field, "must be between " + min + " and " + max);
            return fallback;
        }
        return value;
    }
}
