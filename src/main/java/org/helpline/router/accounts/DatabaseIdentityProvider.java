package org.helpline.router.accounts;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.api.ApiProblem;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Checks HTTP Basic credentials against the accounts table, within bounds no flood of logins can break:
 * <ol>
 *   <li>a source or username locked by {@link LoginThrottle} is refused (429), before anything else;</li>
 *   <li>credentials {@link RecentPasswordChecks} does not know, while every bcrypt thread is busy and the queue
 *       full, are refused (503) at once, on the I/O thread: a flood costs neither a database read nor a queue
 *       slot, and the known credentials of coordinators still get through;</li>
 *   <li>the account is read from the database on a worker thread;</li>
 *   <li>known credentials still matching the stored hash are accepted without bcrypt; any other check goes to
 *       the bounded {@link PasswordChecks} pool, unknown usernames included (against a dummy hash), so they cost
 *       what known ones do.</li>
 * </ol>
 * The request then continues on its own Vert.x context, never on a bcrypt thread.
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Identity attribute: when the account was last changed, so an open stream can tell it has changed since. */
    public static final String ACCOUNT_VERSION = "helpline.account.updated-at";

    private static final Logger LOG = Logger.getLogger(DatabaseIdentityProvider.class);
    /** The length of {@code account.username}. */
    private static final int MAX_USERNAME = 80;

    private final PasswordChecks checks;
    private final RecentPasswordChecks recent;
    private final LoginThrottle throttle;
    private final OutageCredentials outage;
    private final MeterRegistry registry;

    DatabaseIdentityProvider(PasswordChecks checks, RecentPasswordChecks recent, LoginThrottle throttle,
                             OutageCredentials outage, MeterRegistry registry) {
        this.checks = checks;
        this.recent = recent;
        this.throttle = throttle;
        this.outage = outage;
        this.registry = registry;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String address = sourceAddress(request);
        Optional<java.time.Duration> locked = throttle.refusal(username, address);
        if (locked.isPresent()) {
            count("locked");
            return Uni.createFrom().failure(ApiProblem.tooManyRequests("login-locked",
                    "Too many failed logins; try again later", locked.get()));
        }
        boolean possibleName = !username.isEmpty() && username.length() <= MAX_USERNAME;
        if (!possibleName || !PasswordPolicy.fitsBcrypt(password)) {
            // No account can have it: the column holds 80 characters, and creation refuses a password longer
            // than bcrypt reads (checking one would let in a password that merely starts like the right one). A
            // name no account can have is not kept, so such names cannot fill the throttle's memory.
            throttle.failed(possibleName ? username : null, false, address);
            count("failed");
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid credentials"));
        }
        String knownHash = recent.recall(username, password);
        if (knownHash == null && checks.saturated() && !recent.checking(username, password)) {
            count("busy");
            return Uni.createFrom().failure(PasswordChecks.busy());
        }
        Uni<SecurityIdentity> identity = Uni.createFrom().item(() -> lookup(username, password))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(found -> found.identity() != null ? Uni.createFrom().item(found.identity())
                        : check(found, knownHash, username, password, address));
        Context vertx = Vertx.currentContext();
        return vertx == null ? identity : identity.emitOn(task -> vertx.runOnContext(ignored -> task.run()));
    }

    /** The account as stored; while the database is unreachable, an identity from a recent login, or its error. */
    private Found lookup(String username, String password) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username)
                    .map(a -> new Found(a.passwordHash, a.enabled, Set.copyOf(a.roles), a.updatedAt, null))
                    .orElse(Found.NONE));
        } catch (RuntimeException databaseDown) {
            // The accounts table cannot be read: an account that logged in recently with this password keeps
            // its access, so coordinators keep the live view; anyone else gets a 503.
            Set<String> roles = outage.recall(username, password).orElseThrow(() -> ApiProblem.unavailable(
                    "database-unavailable", "The database cannot be reached now; try again shortly"));
            LOG.debugf("Accounts unreachable: '%s' authenticated from a recent login", username);
            return new Found(null, false, roles, null, identity(username, roles, null));
        }
    }

    private Uni<SecurityIdentity> check(Found found, String knownHash, String username, String password,
                                        String address) {
        boolean exists = found.hash() != null;
        if (exists && found.enabled() && found.hash().equals(knownHash)) {
            return Uni.createFrom().item(accepted(found, username, password, address));
        }
        CompletableFuture<Boolean> verdict;
        try {
            verdict = exists
                    ? recent.joinOrStart(username, found.hash(), password, () -> checks.verify(password, found.hash()))
                    : checks.verifyUnknown(password);
        } catch (ApiProblem busy) {
            count("busy");
            return Uni.createFrom().failure(busy);
        }
        return Uni.createFrom().completionStage(verdict).map(right -> {
            if (right && found.enabled()) {
                recent.remember(username, found.hash(), password);
                return accepted(found, username, password, address);
            }
            throttle.failed(username, exists, address);
            count("failed");
            outage.forget(username);
            throw new AuthenticationFailedException("invalid credentials");
        });
    }

    private SecurityIdentity accepted(Found found, String username, String password, String address) {
        throttle.succeeded(username, address);
        outage.remember(username, password, found.roles());
        count("accepted");
        return identity(username, found.roles(), found.updatedAt());
    }

    private static SecurityIdentity identity(String username, Set<String> roles, Instant version) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRoles(roles);
        if (version != null) {
            b.addAttribute(ACCOUNT_VERSION, version);
        }
        return b.build();
    }

    private static String sourceAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
    }

    private void count(String outcome) {
        registry.counter("helpline.logins", "outcome", outcome).increment();
    }

    /** What the database holds of an account ({@link #NONE}: no such account), or an identity already decided. */
    private record Found(String hash, boolean enabled, Set<String> roles, Instant updatedAt, SecurityIdentity identity) {
        static final Found NONE = new Found(null, false, Set.of(), null, null);
    }
}
