package org.helpline.router.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The JSON bodies of {@code /api/users}. Passwords go in, never out. */
public final class AccountBodies {

    private AccountBodies() {
    }

    /** {@code POST /api/users}. */
    public record CreateRequest(String username, String password, List<String> roles) {
    }

    /** {@code PUT /api/users/{username}/roles}. */
    public record RolesRequest(List<String> roles) {
    }

    /** {@code PUT /api/users/{username}/password}. */
    public record PasswordRequest(String password) {
    }

    /** {@code PUT /api/users/me/password}: one's own new password, with the current one as proof. */
    public record OwnPasswordRequest(String currentPassword, String password) {
    }

    /** {@code GET /api/users/me}: who is signed in, with which roles. */
    public record SignedIn(String username, Set<String> roles) {
    }

    /** {@code PUT /api/users/{username}/enabled}. */
    public record EnabledRequest(Boolean enabled) {
    }

    /** An account as the API shows it. */
    public record AccountView(String username, Set<String> roles, boolean enabled, Instant createdAt, Instant updatedAt) {

        static AccountView of(Account a) {
            return new AccountView(a.username, Set.copyOf(a.roles), a.enabled, a.createdAt, a.updatedAt);
        }
    }
}
