package org.helpline.router.accounts;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import java.util.TreeSet;

/** Operators manage accounts: {@code /api/users}; everyone reads and re-keys their own ({@code /api/users/me}). */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
public class UserResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;

    UserResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    public List<AccountBodies.AccountView> list() {
        return accounts.list().stream().map(AccountBodies.AccountView::of).toList();
    }

    /** Who is signed in and with which roles, from the request's identity (no database read). */
    @GET
    @Path("/" + AccountService.ME)
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR})
    public AccountBodies.SignedIn me() {
        return new AccountBodies.SignedIn(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }

    /** Changes one's own password; the current one must be given again. */
    @PUT
    @Path("/" + AccountService.ME + "/password")
    @RolesAllowed({Roles.OPERATOR, Roles.COORDINATOR})
    public Response changeOwnPassword(AccountBodies.OwnPasswordRequest request) {
        accounts.changeOwnPassword(identity.getPrincipal().getName(), request);
        return Response.noContent().build();
    }

    @GET
    @Path("/{username}")
    public AccountBodies.AccountView get(@PathParam("username") String username) {
        return AccountBodies.AccountView.of(accounts.get(username));
    }

    @POST
    public Response create(AccountBodies.CreateRequest request, @Context UriInfo uri) {
        Account a = accounts.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(a.username).build())
                .entity(AccountBodies.AccountView.of(a)).build();
    }

    @PUT
    @Path("/{username}/roles")
    public AccountBodies.AccountView changeRoles(@PathParam("username") String username,
                                                 AccountBodies.RolesRequest request) {
        return AccountBodies.AccountView.of(accounts.changeRoles(username, request));
    }

    @PUT
    @Path("/{username}/password")
    public Response resetPassword(@PathParam("username") String username, AccountBodies.PasswordRequest request) {
        accounts.resetPassword(username, request);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{username}/enabled")
    public AccountBodies.AccountView setEnabled(@PathParam("username") String username,
                                                AccountBodies.EnabledRequest request) {
        return AccountBodies.AccountView.of(accounts.setEnabled(username, request));
    }
}
