package org.helpline.router.accounts;

import io.quarkus.hibernate.orm.panache.Panache;
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

import java.util.Set;

/** Checks HTTP Basic credentials against the accounts table. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final PasswordHasher hasher;

    DatabaseIdentityProvider(PasswordHasher hasher) {
        this.hasher = hasher;
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
        Found found = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username)
                .map(a -> new Found(a.passwordHash, a.enabled, Set.copyOf(a.roles)))
                .orElse(null));
        if (found == null || !found.enabled() || !hasher.matches(password, found.hash())) {
            throw new AuthenticationFailedException("invalid credentials");
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRoles(found.roles())
                .build();
    }
}
