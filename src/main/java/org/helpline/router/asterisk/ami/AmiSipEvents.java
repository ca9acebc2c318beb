package org.helpline.router.asterisk.ami;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.listeners.SipRegistrations;

import java.time.Instant;
import java.util.List;

/**
 * Turns PJSIP's Manager events into {@link SipRegistrations}: the security events of a failed authentication
 * ({@code ChallengeResponseFailed}: wrong password; {@code InvalidAccountID}: no such account, e.g. a deleted
 * listener's phone; {@code InvalidPassword}), read for their {@code AccountID} only, and {@code ContactStatus} /
 * the {@code PJSIPShowContacts} list for registrations. Addresses in these events are never read.
 */
@ApplicationScoped
class AmiSipEvents {

    private final SipRegistrations registrations;

    AmiSipEvents(SipRegistrations registrations) {
        this.registrations = registrations;
    }

    void accept(AmiMessage m, Instant at) {
        String event = m.event();
        if (event == null) {
            return;
        }
        switch (event) {
            case "ChallengeResponseFailed", "InvalidAccountID", "InvalidPassword" -> {
                String account = m.get("AccountID");
                String service = m.get("Service");
                // Failed AMI logins are security events too; only SIP ones concern a phone.
                if (account != null && !"<unknown>".equals(account) && (service == null || !service.startsWith("AMI"))) {
                    registrations.failed(account.trim(), at);
                }
            }
            case "ContactStatus" -> registrations.contactChanged(m.get("EndpointName"), m.get("URI"),
                    m.get("ContactStatus"), at);
            default -> { }
        }
    }

    /** The {@code PJSIPShowContacts} list ({@code ContactList} events: {@code Endpoint}, {@code Uri}, {@code Status}). */
    void contactsListed(List<AmiMessage> items, Instant at) {
        registrations.contactsListed(items.stream().filter(m -> "ContactList".equals(m.event()))
                .map(m -> new SipRegistrations.Contact(m.get("Endpoint"), m.get("Uri"), m.get("Status"))).toList(), at);
    }

    void linkLost() {
        registrations.unknown();
    }
}
