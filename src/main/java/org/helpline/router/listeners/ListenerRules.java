package org.helpline.router.listeners;

import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.lines.Line;
import org.helpline.router.listeners.ListenerBodies.ListenerRequest;

import java.util.regex.Pattern;

/**
 * What a listener request must satisfy: a pseudonym, existing lines, and either a generated account (a given or
 * derived {@code sipUsername}, free and valid) or a hand-written {@code endpoint}; a {@code PUT} keeps the account.
 */
final class ListenerRules {

    /** A channel technology and endpoint name: what Asterisk calls a queue member's interface. */
    static final Pattern ENDPOINT = Pattern.compile("(PJSIP|SIP|IAX2)/[A-Za-z0-9_.-]{1,60}");
    /** Printable text without control characters (they would break an AMI header). */
    static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]+");

    private ListenerRules() {
    }

    /** The generated account's username for a new listener, or null for a hand-written endpoint. */
    static String accountFor(ListenerRequest r, String prefix) {
        validate(r, null);
        if (r.sipUsername() == null && r.endpoint() != null) {
            return null;
        }
        if (r.sipUsername() == null) {
            return SipUsernames.derive(prefix, r.displayName().trim(), ListenerRules::taken);
        }
        if (taken(r.sipUsername())) {
            throw ApiProblem.conflict("sipUsername", "SIP username " + r.sipUsername() + " belongs to another listener");
        }
        return r.sipUsername();
    }

    /** A PUT cannot rename an account, nor turn a hand-written endpoint into a generated account or back. */
    static void keepAccount(ListenerRequest r, Listener l) {
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

    static void validate(ListenerRequest r, Long self) {
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
