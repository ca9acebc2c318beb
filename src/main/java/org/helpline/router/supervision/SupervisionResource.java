package org.helpline.router.supervision;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Coordinators' live view: {@code /api/supervision} (snapshot) and {@code /api/supervision/stream} (SSE). */
@Path("/api/supervision")
@RolesAllowed({"operator", "coordinator"})
public class SupervisionResource {

    private final SupervisionSnapshots snapshots;

    SupervisionResource(SupervisionSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SupervisionSnapshot snapshot() {
        return snapshots.fresh();
    }

    /** The current snapshot, then an update whenever something changes (coalesced) and a periodic heartbeat. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<SupervisionSnapshot> stream() {
        return snapshots.stream();
    }
}
