package org.helpline.router.supervision;

import io.quarkus.security.identity.SecurityIdentity;
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
    private final SupervisionStreams streams;
    private final SecurityIdentity identity;

    SupervisionResource(SupervisionSnapshots snapshots, SupervisionStreams streams, SecurityIdentity identity) {
        this.snapshots = snapshots;
        this.streams = streams;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SupervisionSnapshot snapshot() {
        return snapshots.fresh();
    }

    /**
     * The current snapshot, then an update whenever something changes (coalesced) and a periodic heartbeat, until
     * the client goes or its account changes; bounded per account and in all ({@link SupervisionStreams}).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<SupervisionSnapshot> stream() {
        return streams.open(identity);
    }
}
