package org.helpline.router.listeners;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.listeners.ListenerBodies.ListenerRequest;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates, changes and removes listeners and their SIP accounts. Each change commits (audited, published to the
 * {@link ListenerDirectory}) before Asterisk is touched: then the accounts file is reconciled and reloaded
 * ({@link SipAccountSync}), and a listener disabled or deleted is logged out of every queue.
 */
@ApplicationScoped
public class ListenerService {

    private static final Logger LOG = Logger.getLogger(ListenerService.class);
    /** A channel technology and endpoint name: what Asterisk calls a queue member's interface. */
    static final Pattern ENDPOINT = Pattern.compile("(PJSIP|SIP|IAX2)/[A-Za-z0-9_.-]{1,60}");
    /** Printable text without control characters (they would break an AMI header). */
    static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]+");

    private final AuditTrail audit;
    private final ListenerDirectory directory;
    private final SipConfig sip;
    private final SipAccountSync accounts;
    private final ListenerShifts shifts;

    ListenerService(AuditTrail audit, ListenerDirectory directory, SipConfig sip, SipAccountSync accounts,
                    ListenerShifts shifts) {
        this.audit = audit;
        this.directory = directory;
        this.sip = sip;
        this.accounts = accounts;
        this.shifts = shifts;
    }

    /** A listener and, when a password was just set, that password: the only time it is ever known. */
    public record WithPassword(Listener listener, String sipPassword) {
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

    /** Creates a listener with a generated SIP account (or on a hand-written endpoint) and applies it in Asterisk. */
    public WithPassword create(ListenerRequest request) {
        WithPassword created = QuarkusTransaction.requiringNew().call(() -> {
            Listener l = new Listener();
            String password = null;
            String username = chooseAccount(request, l);
            copy(request, l);
            l.enabled = request.enabled() == null || request.enabled();
            if (username != null) {
                l.sipUsername = username;
                l.endpoint = "PJSIP/" + username;
                password = newPassword(l);
            } else {
                l.endpoint = request.endpoint();
            }
            l.persist();
            audit.record("listener.create", "listener:" + l.id, request);
            directory.publishOnCommit(null, l.enabled ? ListenerView.of(l) : null);
            return new WithPassword(l, password);
        });
        if (created.listener().hasGeneratedAccount() && created.listener().enabled) {
            accounts.apply();
        }
        return created;
    }

    /** Replaces a listener's name, lines and state; their account name and endpoint stay. */
    public Listener update(long id, ListenerRequest request) {
        ListenerView[] before = new ListenerView[1];
        Listener l = QuarkusTransaction.requiringNew().call(() -> {
            Listener current = get(id);
            before[0] = current.enabled ? ListenerView.of(current) : null;
            validate(request, current.id);
            keepAccount(request, current);
            String endpointBefore = current.endpoint;
            copy(request, current);
            if (request.enabled() != null) {
                current.enabled = request.enabled();
            }
            audit.record("listener.update", "listener:" + id, request);
            directory.publishOnCommit(endpointBefore, current.enabled ? ListenerView.of(current) : null);
            return current;
        });
        if (before[0] != null && !l.enabled) {
            logOutEverywhere(before[0]);
        }
        if (l.hasGeneratedAccount()) {
            accounts.apply();
        }
        return l;
    }

    /** Deletes a listener: logged out of every queue, their account removed. */
    public void delete(long id) {
        Listener l = QuarkusTransaction.requiringNew().call(() -> {
            Listener gone = get(id);
            gone.delete();
            audit.record("listener.delete", "listener:" + id, null);
            directory.publishOnCommit(gone.endpoint, null);
            return gone;
        });
        logOutEverywhere(ListenerView.of(l));
        if (l.hasGeneratedAccount()) {
            accounts.apply();
        }
    }

    /** Sets a new password for a generated account (the old one stops working) and returns it, once. */
    public WithPassword resetSipPassword(long id) {
        WithPassword reset = QuarkusTransaction.requiringNew().call(() -> {
            Listener l = get(id);
            if (!l.hasGeneratedAccount()) {
                throw ApiProblem.conflict("endpoint", "endpoint " + l.endpoint
                        + " is written by hand in Asterisk: its password is set there");
            }
            String password = newPassword(l);
            audit.record("listener.sip-password", "listener:" + id, "SIP password reset");
            return new WithPassword(l, password);
        });
        if (reset.listener().enabled) {
            accounts.apply();
        }
        return reset;
    }

    /** What the listener's softphone needs; {@code requestHost} serves when no public host is configured. */
    public SoftphoneSettings softphone(Listener l, String requestHost, String password) {
        if (!l.hasGeneratedAccount()) {
            throw ApiProblem.conflict("endpoint", "endpoint " + l.endpoint + " is written by hand in Asterisk");
        }
        return SoftphoneSettings.of(sip.publicHost().orElse(requestHost), sip.publicPort(), sip.transport(),
                l.sipUsername, password);
    }

    private String newPassword(Listener l) {
        String password = SipCredentials.newPassword();
        l.sipRealm = sip.realm();
        l.sipPasswordDigest = SipCredentials.digest(l.sipUsername, l.sipRealm, password);
        return password;
    }

    private void logOutEverywhere(ListenerView l) {
        try {
            shifts.logoutEverywhere(l);
        } catch (QueueMembership.Unavailable | QueueMembership.Refused e) {
            LOG.warnf("Listener %d could not be logged out of the queues (%s); with no account their phone cannot"
                    + " be rung", l.id(), e.getMessage());
        }
    }

    /** The generated account's username for a new listener, or null for a hand-written endpoint. */
    private String chooseAccount(ListenerRequest r, Listener l) {
        validate(r, null);
        if (r.sipUsername() == null && r.endpoint() != null) {
            return null;
        }
        if (r.sipUsername() == null) {
            return SipUsernames.derive(sip.usernamePrefix(), r.displayName().trim(), ListenerService::taken);
        }
        if (taken(r.sipUsername())) {
            throw ApiProblem.conflict("sipUsername", "SIP username " + r.sipUsername() + " belongs to another listener");
        }
        return r.sipUsername();
    }

    /** A PUT cannot rename an account, nor turn a hand-written endpoint into a generated account or back. */
    private static void keepAccount(ListenerRequest r, Listener l) {
        if (l.hasGeneratedAccount()) {
            if (r.sipUsername() != null && !r.sipUsername().equals(l.sipUsername)) {
                throw ApiProblem.conflict("sipUsername", "a SIP username cannot change; create a new listener instead");
            }
            if (r.endpoint() != null && !r.endpoint().equals(l.endpoint)) {
                throw ApiProblem.conflict("endpoint", "the endpoint of a generated account is " + l.endpoint);
            }
        } else if (r.sipUsername() != null) {
            throw ApiProblem.conflict("sipUsername", "endpoint " + l.endpoint + " is written by hand in Asterisk;"
                    + " create a new listener for a generated account");
        }
    }

    private static boolean taken(String username) {
        return Listener.count("sipUsername = ?1 or endpoint = ?2", username, "PJSIP/" + username) > 0;
    }

    private static void copy(ListenerRequest r, Listener l) {
        l.displayName = r.displayName().trim();
        if (r.endpoint() != null && !l.hasGeneratedAccount()) {
            l.endpoint = r.endpoint();
        }
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
        if (r.sipUsername() != null && SipUsernames.problem(r.sipUsername()) != null) {
            errors.add("sipUsername", SipUsernames.problem(r.sipUsername()));
        }
        if (r.endpoint() != null && !ENDPOINT.matcher(r.endpoint()).matches()) {
            errors.add("endpoint", "must look like PJSIP/listener1");
        } else if (r.endpoint() != null && r.sipUsername() != null && !r.endpoint().equals("PJSIP/" + r.sipUsername())) {
            errors.add("endpoint", "must be PJSIP/<sipUsername> or left out");
        } else if (r.endpoint() != null && r.sipUsername() == null) {
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
