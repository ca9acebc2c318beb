package org.helpline.router.listeners;

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
import org.helpline.router.api.ApiProblem;
import org.helpline.router.listeners.ListenerBodies.ListenerRequest;
import org.helpline.router.listeners.ListenerBodies.ListenerResponse;
import org.helpline.router.listeners.ListenerBodies.PauseRequest;

import java.util.List;
import java.util.function.Consumer;

/**
 * Listeners: {@code /api/listeners} (operators manage, coordinators read), their SIP accounts ({@code sip-password},
 * {@code softphone}, {@code softphone/qr}) and their shifts ({@code login|logout|pause|resume}, coordinators and
 * operators), carried out in Asterisk at once.
 */
@Path("/api/listeners")
@Produces(MediaType.APPLICATION_JSON)
public class ListenerResource {

    private final ListenerService listeners;
    private final ListenerShifts shifts;
    private final SipRegistrations registrations;

    ListenerResource(ListenerService listeners, ListenerShifts shifts, SipRegistrations registrations) {
        this.listeners = listeners;
        this.shifts = shifts;
        this.registrations = registrations;
    }

    @GET
    @RolesAllowed({"operator", "coordinator"})
    public List<ListenerResponse> list() {
        return listeners.list().stream().map(l -> ListenerResponse.of(l, registrations, null)).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"operator", "coordinator"})
    public ListenerResponse get(@PathParam("id") long id) {
        return ListenerResponse.of(listeners.get(id), registrations, null);
    }

    /** 201 with, for a generated account, {@code softphone} holding the password: shown here and never again. */
    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @RolesAllowed("operator")
    public Response create(ListenerRequest request, @Context UriInfo uri) {
        ListenerService.WithPassword created = listeners.create(request);
        Listener l = created.listener();
        SoftphoneSettings softphone = l.hasGeneratedAccount()
                ? listeners.softphone(l, uri.getBaseUri().getHost(), created.sipPassword()) : null;
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(l.id)).build())
                .entity(ListenerResponse.of(l, registrations, softphone)).build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{id}")
    @RolesAllowed("operator")
    public ListenerResponse update(@PathParam("id") long id, ListenerRequest request) {
        return ListenerResponse.of(listeners.update(id, request), registrations, null);
    }

    /** A new SIP password (the previous one stops working), returned with the softphone settings, once. */
    @POST
    @Path("/{id}/sip-password")
    @RolesAllowed("operator")
    public SoftphoneSettings resetSipPassword(@PathParam("id") long id, @Context UriInfo uri) {
        ListenerService.WithPassword reset = listeners.resetSipPassword(id);
        return listeners.softphone(reset.listener(), uri.getBaseUri().getHost(), reset.sipPassword());
    }

    /** What to type into the softphone, without the password. */
    @GET
    @Path("/{id}/softphone")
    @RolesAllowed({"operator", "coordinator"})
    public SoftphoneSettings softphone(@PathParam("id") long id, @Context UriInfo uri) {
        return listeners.softphone(listeners.get(id), uri.getBaseUri().getHost(), null);
    }

    /** A QR code of the softphone's SIP address, SVG (default) or PNG ({@code Accept: image/png}). */
    @GET
    @Path("/{id}/softphone/qr")
    @Produces({"image/svg+xml", "image/png"})
    @RolesAllowed({"operator", "coordinator"})
    public Response softphoneQr(@PathParam("id") long id, @Context UriInfo uri,
                                @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        String address = listeners.softphone(listeners.get(id), uri.getBaseUri().getHost(), null).sipUri();
        boolean png = accept != null && accept.contains("image/png") && !accept.contains("image/svg+xml");
        return png ? Response.ok(SoftphoneQr.png(address), "image/png").build()
                : Response.ok(SoftphoneQr.svg(address), "image/svg+xml").build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("operator")
    public Response delete(@PathParam("id") long id) {
        listeners.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/login")
    @RolesAllowed({"operator", "coordinator"})
    public Response login(@PathParam("id") long id) {
        return act(id, shifts::login);
    }

    @POST
    @Path("/{id}/logout")
    @RolesAllowed({"operator", "coordinator"})
    public Response logout(@PathParam("id") long id) {
        return act(id, shifts::logout);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/{id}/pause")
    @RolesAllowed({"operator", "coordinator"})
    public Response pause(@PathParam("id") long id, PauseRequest body) {
        String reason = body == null || body.reason() == null ? "" : body.reason().trim();
        if (reason.isEmpty() || reason.length() > ListenerShifts.MAX_REASON || !ListenerRules.TEXT.matcher(reason).matches()) {
            throw ApiProblem.invalid("reason", "a reason of 1 to " + ListenerShifts.MAX_REASON + " printable characters is required");
        }
        return act(id, l -> shifts.pause(l, reason));
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed({"operator", "coordinator"})
    public Response resume(@PathParam("id") long id) {
        return act(id, shifts::resume);
    }

    private Response act(long id, Consumer<ListenerView> action) {
        Listener listener = listeners.get(id);
        if (!listener.enabled) {
            throw ApiProblem.conflict("enabled", "the listener is disabled");
        }
        ListenerView l = ListenerView.of(listener);
        if (shifts.queues(l).isEmpty()) {
            throw ApiProblem.conflict("lines", "none of the listener's lines has a queue");
        }
        try {
            action.accept(l);
        } catch (QueueMembership.Unavailable e) {
            throw ApiProblem.unavailable("asterisk-unavailable", "Asterisk cannot be reached; try again shortly");
        } catch (QueueMembership.Refused e) {
            throw ApiProblem.conflict("state", e.getMessage());
        }
        return Response.noContent().build();
    }
}
