package org.helpline.router.listeners;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.listeners.ListenerBodies.ListenerRequest;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Creates, changes and removes listeners and their SIP accounts. Each change commits (audited, published to the
 * {@link ListenerDirectory}) before Asterisk is touched: then the accounts file is reconciled and reloaded
 * ({@link SipAccountSync}), and a listener disabled or deleted is logged out of every queue.
 */
@ApplicationScoped
public class ListenerService {

    private static final Logger LOG = Logger.getLogger(ListenerService.class);

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
            String username = ListenerRules.accountFor(request, sip.usernamePrefix());
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
            ListenerRules.validate(request, current.id);
            ListenerRules.keepAccount(request, current);
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

    private static void copy(ListenerRequest r, Listener l) {
        l.displayName = r.displayName().trim();
        if (r.endpoint() != null && !l.hasGeneratedAccount()) {
            l.endpoint = r.endpoint();
        }
        l.lineCodes = new LinkedHashSet<>(r.lines());
    }
}
