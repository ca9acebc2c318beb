package org.helpline.router.listeners;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.listeners.ListenerBodies.ListenerRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Creates, changes and removes listeners; every change is audited and published to the {@link ListenerDirectory}. */
@ApplicationScoped
public class ListenerService {

    /** A channel technology and endpoint name: what Asterisk calls a queue member's interface. */
    static final Pattern ENDPOINT = Pattern.compile("(PJSIP|SIP|IAX2)/[A-Za-z0-9_.-]{1,60}");
    /** Printable text without control characters (they would break an AMI header). */
    static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]+");

    private final AuditTrail audit;
    private final ListenerDirectory directory;

    ListenerService(AuditTrail audit, ListenerDirectory directory) {
        this.audit = audit;
        this.directory = directory;
    }

    public List<Listener> list() {
        return Listener.list("order by id");
    }

    public Listener get(long id) {
        Listener l = Listener.findById(id);
        if (l == null) {
            throw ApiProblem.notFound("listener " + id);
        }
        return l;
    }

    @Transactional
    public Listener create(ListenerRequest request) {
        validate(request, null);
        Listener l = new Listener();
        copy(request, l);
        l.persist();
        audit.record("listener.create", "listener:" + l.id, request);
        directory.publishOnCommit(null, ListenerView.of(l));
        return l;
    }

    @Transactional
    public Listener update(long id, ListenerRequest request) {
        Listener l = get(id);
        validate(request, l.id);
        String before = l.endpoint;
        copy(request, l);
        audit.record("listener.update", "listener:" + id, request);
        directory.publishOnCommit(before, ListenerView.of(l));
        return l;
    }

    @Transactional
    public void delete(long id) {
        Listener l = get(id);
        l.delete();
        audit.record("listener.delete", "listener:" + id, null);
        directory.publishOnCommit(l.endpoint, null);
    }

    private static void copy(ListenerRequest r, Listener l) {
        l.displayName = r.displayName().trim();
        l.endpoint = r.endpoint();
        l.lineCodes = new LinkedHashSet<>(r.lines());
    }

    private static void validate(ListenerRequest r, Long self) {
        if (r == null) {
            throw ApiProblem.invalid("body", "a listener is required");
        }
        FieldErrors errors = new FieldErrors();
        if (r.displayName() == null || r.displayName().isBlank() || r.displayName().length() > 60
                || !TEXT.matcher(r.displayName()).matches()) {
            errors.add("displayName", "a pseudonym of 1 to 60 printable characters is required");
        }
        if (r.endpoint() == null || !ENDPOINT.matcher(r.endpoint()).matches()) {
            errors.add("endpoint", "must look like PJSIP/listener1");
        } else {
            Listener other = Listener.byEndpoint(r.endpoint());
            if (other != null && !other.id.equals(self)) {
                throw ApiProblem.conflict("endpoint", "endpoint " + r.endpoint() + " belongs to another listener");
            }
        }
        if (r.lines() == null || r.lines().isEmpty()) {
            errors.add("lines", "at least one line code is required");
        } else {
            for (int i = 0; i < r.lines().size(); i++) {
                String code = r.lines().get(i);
                if (code == null || Line.count("code", code) == 0) {
                    errors.add("lines[" + i + "]", "no such line");
                }
            }
        }
        errors.throwIfAny();
    }
}
