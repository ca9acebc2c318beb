package org.helpline.router.schedule.calendar;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** A line's calendar subscriptions: {@code /api/lines/{code}/calendar-subscriptions}. */
@Path("/api/lines/{code}/calendar-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarSubscriptionResource {

    private final CalendarSubscriptions subscriptions;

    CalendarSubscriptionResource(CalendarSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** Subscribes the line to a calendar and reads it once; 201 even when that first read fails (see lastError). */
    @POST
    @RolesAllowed("operator")
    public Response create(@PathParam("code") String code, SubscriptionBodies.Request body, @Context UriInfo uri) {
        SubscriptionBodies.Subscription created = subscriptions.create(code, body);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @RolesAllowed({"operator", "coordinator"})
    public List<SubscriptionBodies.Subscription> list(@PathParam("code") String code) {
        return subscriptions.list(code);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"operator", "coordinator"})
    public SubscriptionBodies.Subscription get(@PathParam("code") String code, @PathParam("id") long id) {
        return subscriptions.get(code, id);
    }

    /**
     * Changes the address, kind or label. The {@code url} the API shows is masked: sent back as it is (or left
     * out), it keeps the stored address.
     */
    @PUT
    @Path("/{id}")
    @RolesAllowed("operator")
    public SubscriptionBodies.Subscription update(@PathParam("code") String code, @PathParam("id") long id,
                                                  SubscriptionBodies.Request body) {
        return subscriptions.update(code, id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("operator")
    public Response delete(@PathParam("code") String code, @PathParam("id") long id) {
        subscriptions.delete(code, id);
        return Response.noContent().build();
    }

    /** Fetches the calendar now rather than at its next scheduled refresh. */
    @POST
    @Path("/{id}/refresh")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("operator")
    public SubscriptionBodies.Subscription refresh(@PathParam("code") String code, @PathParam("id") long id) {
        return subscriptions.refreshNow(code, id);
    }
}
