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

/**
 * A line's calendar subscriptions: added, listed, changed, removed (with what they brought) and refreshed on request.
 * The address is write-only: it is stored as given (it is needed to fetch) and shown to everyone masked.
 */
@ApplicationScoped
public class CalendarSubscriptions {

    static final int MAX_PER_LINE = 20;

    private final LineService lines;
    private final CalendarRefresh refresh;
    private final CalendarSync sync;
    private final CalendarConfig config;
    private final AuditTrail audit;
    private final RefreshLock lock;

    CalendarSubscriptions(LineService lines, CalendarRefresh refresh, CalendarSync sync, CalendarConfig config,
                          AuditTrail audit, RefreshLock lock) {
        this.lines = lines;
        this.refresh = refresh;
        this.sync = sync;
        this.config = config;
        this.audit = audit;
        this.lock = lock;
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
        CalendarUrl parsed = parseUrl(errors, url);
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
        source.label = label != null ? label : defaultLabel(parsed);
        source.persist();
        audit.record("calendar-subscription.create", "line:" + code, auditDetails(source, parsed));
        return source.id;
    }

    /**
     * Changes a subscription. {@code url} absent, or sent back as the masked form the API shows, keeps the stored
     * address, so a client that edits the label does not overwrite the secret with its mask; another address
     * replaces it. {@code kind} or {@code label} absent keep theirs. A new address or kind is read at once.
     */
    public SubscriptionBodies.Subscription update(String code, long id, SubscriptionBodies.Request request) {
        if (change(code, id, request)) {
            refresh.refresh(id, true);
        }
        return get(code, id);
    }

    /** Applies the change; true when the source must be read again (new address or kind). */
    @Transactional
    boolean change(String code, long id, SubscriptionBodies.Request request) {
        Line line = lines.get(code);
        lock.lock(id); // not in the middle of a refresh (this instance's or another's) reading the old address or kind
        CalendarSource source = find(line, id);
        if (request == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        CalendarUrl current = safeUrl(source);
        String url = request.url() == null ? null : request.url().trim();
        boolean keepUrl = url == null || url.equals(source.url) || current != null && url.equals(current.masked());
        CalendarUrl parsed = keepUrl ? current : parseUrl(errors, url);
        ScheduledRange.Kind kind = request.kind() == null ? source.kind
                : errors.oneOf("kind", request.kind(), ScheduledRange.Kind.class);
        String label = request.label() == null ? source.label : request.label().trim();
        errors.maxLength("label", label, 200);
        errors.throwIfAny();
        boolean kindChanged = kind != source.kind;
        if (!keepUrl) {
            source.url = url;
            source.etag = null; // an ETag belongs to the address that gave it
        }
        // The ranges it brought keep the old kind until the read that follows turns them into the new one.
        source.kind = kind;
        source.label = label.isEmpty() ? defaultLabel(parsed) : label;
        Map<String, Object> details = auditDetails(source, parsed);
        details.put("urlChanged", !keepUrl);
        audit.record("calendar-subscription.update", "line:" + code, details);
        return !keepUrl || kindChanged;
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

    /** Checks a new address; null (with the error recorded) when it is refused. */
    private CalendarUrl parseUrl(FieldErrors errors, String url) {
        errors.maxLength("url", url, 2000);
        if (url == null || url.length() > 2000) {
            return null;
        }
        try {
            return CalendarUrl.parse(url, config);
        } catch (IllegalArgumentException e) {
            errors.add("url", e.getMessage());
            return null;
        }
    }

    private static String defaultLabel(CalendarUrl url) {
        return url == null ? "calendar" : url.uri().getHost() != null ? url.uri().getHost() : "file";
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
