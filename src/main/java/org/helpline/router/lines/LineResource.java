package org.helpline.router.lines;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Operators' API for lines: {@code /api/lines}. Coordinators may read. */
@Path("/api/lines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LineResource {

    private final LineService lines;
    private final Clock clock;

    LineResource(LineService lines, Clock clock) {
        this.lines = lines;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"operator", "coordinator"})
    public List<LineResponse> list() {
        Instant now = Instant.now(clock);
        return lines.list().stream().map(l -> LineResponse.of(l, now)).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({"operator", "coordinator"})
    public LineResponse get(@PathParam("code") String code) {
        return LineResponse.of(lines.get(code), Instant.now(clock));
    }

    @POST
    @RolesAllowed("operator")
    public Response create(LineRequest request, @Context UriInfo uri) {
        Line line = lines.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(line.code).build())
                .entity(LineResponse.of(line, Instant.now(clock))).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("operator")
    public LineResponse update(@PathParam("code") String code, LineRequest request) {
        return LineResponse.of(lines.update(code, request), Instant.now(clock));
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed("operator")
    public Response delete(@PathParam("code") String code) {
        lines.delete(code);
        return Response.noContent().build();
    }
}
