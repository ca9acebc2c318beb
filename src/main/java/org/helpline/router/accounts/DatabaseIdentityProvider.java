package org.helpline.router.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/** Checks HTTP Basic credentials against the accounts table. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(DatabaseIdentityProvider.class);

    private final PasswordHasher hasher;
    private final OutageCredentials outage;

    DatabaseIdentityProvider(PasswordHasher hasher, OutageCredentials outage) {
        this.hasher = hasher;
        this.outage = outage;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> check(request.getUsername(), new String(request.getPassword().getPassword())));
    }

    private SecurityIdentity check(String username, String password) {
        record Found(String hash, boolean enabled, Set<String> roles) {
        }
        Found found;
        try {
            found = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username)
                    .map(a -> new Found(a.passwordHash, a.enabled, Set.copyOf(a.roles)))
                    .orElse(null));
        } catch (RuntimeException databaseDown) {
            // The accounts table cannot be read: an account that logged in recently with this password keeps
            // its access, so coordinators keep the live view; anyone else gets the database error.
            Set<String> roles = outage.recall(username, password).orElseThrow(() -> databaseDown);
            LOG.debugf("Accounts unreachable: '%s' authenticated from a recent login", username);
            return identity(username, roles);
        }
        if (found == null || !found.enabled() || !hasher.matches(password, found.hash())) {
            outage.forget(username);
            throw new AuthenticationFailedException("invalid credentials");
        }
        outage.remember(username, password, found.roles());
        return identity(username, found.roles());
    }

    private static SecurityIdentity identity(String username, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRoles(roles)
                .build();
    }
}
