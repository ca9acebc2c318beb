package org.helpline.router.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Writes the audit trail in the same transaction as the change it describes, so a change and its record
 * commit or roll back together. Details are the request's new values; callers never pass passwords.
 */
@ApplicationScoped
public class AuditTrail {

    private final Instance<SecurityIdentity> identity;
    private final ObjectMapper json;
    private final Clock clock;

    AuditTrail(Instance<SecurityIdentity> identity, ObjectMapper json, Clock clock) {
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String target, Object details) {
        AuditEntry e = new AuditEntry();
        e.at = Instant.now(clock);
        e.actor = actor();
        e.action = action;
        e.target = target;
        e.details = details == null ? null : serialize(details);
        e.persist();
    }

    private String actor() {
        try {
            SecurityIdentity id = identity.get();
            return id.isAnonymous() ? "system" : id.getPrincipal().getName();
        } catch (RuntimeException noRequest) {
            // Start-up tasks (bootstrap operator) run outside any request.
            return "system";
        }
    }

    private String serialize(Object details) {
        if (details instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return String.valueOf(details);
        }
    }
}
