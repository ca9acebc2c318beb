package org.helpline.router.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.helpline.router.api.ApiProblem;

import java.time.Instant;
import java.util.List;

/** The audit trail of configuration changes, newest first, for operators. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class AuditResource {

    /** One audit record as the API shows it. */
    public record AuditView(long id, Instant at, String actor, String action, String target, String details) {
    }

    @GET
    public List<AuditView> list(@QueryParam("target") String target,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid("limit", "must be between 1 and 1000");
        }
        var query = target == null || target.isBlank()
                ? AuditEntry.<AuditEntry>find("order by at desc, id desc")
                : AuditEntry.<AuditEntry>find("target = ?1 order by at desc, id desc", target);
        return query.page(0, limit).list().stream()
                .map(e -> new AuditView(e.id, e.at, e.actor, e.action, e.target, e.details))
                .toList();
    }
}
