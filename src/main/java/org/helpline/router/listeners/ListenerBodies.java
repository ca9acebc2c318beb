package org.helpline.router.listeners;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** JSON bodies of {@code /api/listeners}. */
public final class ListenerBodies {

    private ListenerBodies() {
    }

    /**
     * Create or replace a listener. {@code sipUsername} names their generated SIP account (derived from the display
     * name when left out); {@code endpoint} instead points at an endpoint written by hand in Asterisk, for which no
     * account is generated. {@code enabled} defaults to true on creation and is left as it is by a {@code PUT}
     * without it.
     */
    public record ListenerRequest(String displayName, String endpoint, List<String> lines, String sipUsername,
                                  Boolean enabled) {
    }

    /**
     * A listener as the API shows it: {@code endpoint} is {@code PJSIP/<sipUsername>} for a generated account;
     * {@code sipUsername} is null for a hand-written endpoint. {@code softphone} (with the password) only in the
     * response that created the account.
     */
    public record ListenerResponse(long id, String displayName, String endpoint, String sipUsername, boolean enabled,
                                   List<String> lines, SipRegistrations.Registration registration,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) SoftphoneSettings softphone) {
        static ListenerResponse of(Listener l, SipRegistrations registrations, SoftphoneSettings softphone) {
            return new ListenerResponse(l.id, l.displayName, l.endpoint, l.sipUsername, l.enabled,
                    l.lineCodes.stream().sorted().toList(), registrations.of(accountOf(l.endpoint)), softphone);
        }
    }

    /** A pause: why. */
    public record PauseRequest(String reason) {
    }

    /** The SIP account name of a PJSIP endpoint ({@code PJSIP/ecoutant-marie} → {@code ecoutant-marie}), or null. */
    static String accountOf(String endpoint) {
        return endpoint != null && endpoint.startsWith("PJSIP/") ? endpoint.substring("PJSIP/".length()) : null;
    }
}
