package org.helpline.router.schedule.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.lines.LineService;
import org.helpline.router.schedule.ScheduledRange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A line's calendar subscriptions: added, listed, removed (with what they brought) and refreshed on request. */
@ApplicationScoped
public class CalendarSubscriptions {

    static final int MAX_PER_LINE = 20;

    private final LineService lines;
    private final CalendarRefresh refresh;
    private final CalendarSync sync;
    private final CalendarConfig config;
    private final AuditTrail audit;

    CalendarSubscriptions(LineService lines, CalendarRefresh refresh, CalendarSync sync, CalendarConfig config,
                          AuditTrail audit) {
        this.lines = lines;
        this.refresh = refresh;
        this.sync = sync;
        this.config = config;
        this.audit = audit;
    }

    /** Adds the subscription, then reads it once at once; a first failure is shown in {@code lastError}. */
    public SubscriptionBodies.Subscription create(String code, SubscriptionBodies.Request request) {
        long id = persist(code, request);
        refresh.refresh(id, true);
        return get(code, id);
    }

    @Transactional
    long persist(String code, SubscriptionBodies.Request request) {
        Line line = lines.get(code);
        if (request == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        String url = errors.required("url", request.url());
        errors.maxLength("url", url, 2000);
        CalendarUrl parsed = null;
        if (url != null && url.length() <= 2000) {
            try {
                parsed = CalendarUrl.parse(url, config);
            } catch (IllegalArgumentException e) {
                errors.add("url", e.getMessage());
            }
        }
        ScheduledRange.Kind kind = errors.oneOf("kind", request.kind(), ScheduledRange.Kind.class);
        String label = request.label() == null || request.label().isBlank() ? null : request.label().trim();
        errors.maxLength("label", label, 200);
        errors.throwIfAny();
        if (CalendarSource.subscriptionsOf(line.id).size() >= MAX_PER_LINE) {
            throw ApiProblem.conflict("url", "line '" + code + "' already has " + MAX_PER_LINE + " subscriptions");
        }
        CalendarSource source = new CalendarSource();
        source.lineId = line.id;
        source.kind = kind;
        source.origin = CalendarSource.Origin.SUBSCRIPTION;
        source.url = url;
        source.label = label != null ? label : parsed.uri().getHost() != null ? parsed.uri().getHost() : "file";
        source.persist();
        audit.record("calendar-subscription.create", "line:" + code, auditDetails(source, parsed));
        return source.id;
    }

    @Transactional
    public List<SubscriptionBodies.Subscription> list(String code) {
        Line line = lines.get(code);
        return CalendarSource.subscriptionsOf(line.id).stream().map(this::body).toList();
    }

    @Transactional
    public SubscriptionBodies.Subscription get(String code, long id) {
        return body(find(lines.get(code), id));
    }

    /** Removes the subscription and every range it brought. */
    @Transactional
    public void delete(String code, long id) {
        Line line = lines.get(code);
        CalendarSource source = find(line, id);
        ScheduledRange.delete("sourceId", source.id);
        source.delete();
        audit.record("calendar-subscription.delete", "line:" + code, auditDetails(source, safeUrl(source)));
        lines.publish(line);
    }

    /** Fetches the subscription now (waiting for a refresh another instance may be running). */
    public SubscriptionBodies.Subscription refreshNow(String code, long id) {
        recordRefreshRequest(code, id);
        refresh.refresh(id, true);
        return get(code, id);
    }

    @Transactional
    void recordRefreshRequest(String code, long id) {
        CalendarSource source = find(lines.get(code), id);
        audit.record("calendar-subscription.refresh", "line:" + code, auditDetails(source, safeUrl(source)));
    }

    static String auditName(ScheduledRange.Kind kind) {
        return kind == ScheduledRange.Kind.CLOSURE ? "closure" : "special-opening";
    }

    private static CalendarSource find(Line line, long id) {
        return CalendarSource.<CalendarSource>findByIdOptional(id)
                .filter(s -> s.lineId.equals(line.id) && s.origin == CalendarSource.Origin.SUBSCRIPTION)
                .orElseThrow(() -> ApiProblem.notFound("calendar subscription " + id + " of line '" + line.code + "'"));
    }

    private SubscriptionBodies.Subscription body(CalendarSource s) {
        CalendarUrl url = safeUrl(s);
        return new SubscriptionBodies.Subscription(s.id, url == null ? "(no longer accepted)" : url.masked(),
                s.kind.name(), s.label, s.createdAt, s.lastRefreshedAt, s.lastSuccessAt, s.lastError, s.eventsImported,
                sync.skippedOf(s), s.exclusions.size(),
                s.lastRefreshedAt == null ? null : s.lastRefreshedAt.plus(config.refreshInterval()));
    }

    private CalendarUrl safeUrl(CalendarSource s) {
        try {
            return CalendarUrl.parse(s.url, config);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Object> auditDetails(CalendarSource s, CalendarUrl url) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", s.id);
        details.put("url", url == null ? "(not shown)" : url.masked());
        details.put("kind", s.kind.name());
        details.put("label", s.label);
        return details;
    }
}
