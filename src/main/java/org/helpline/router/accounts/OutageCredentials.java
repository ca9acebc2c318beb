package org.helpline.router.accounts;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, in memory only, the accounts that logged in successfully, so that while PostgreSQL is unreachable
 * coordinators keep the live view (held in memory too). It is consulted only when the accounts table cannot be
 * read; a reachable database always decides. It keeps a salted SHA-256 of the password (the salt is random per
 * process), never the password, and forgets an entry after {@code helpline.accounts.outage-login-ttl}.
 */
@ApplicationScoped
public class OutageCredentials {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[32];
    private final Duration ttl;
    private final Clock clock;

    OutageCredentials(AccountsConfig config, Clock clock) {
        new SecureRandom().nextBytes(salt);
        this.ttl = config.outageLoginTtl();
        this.clock = clock;
    }

    void remember(String username, String password, Set<String> roles) {
        entries.put(username, new Entry(digest(username, password), Set.copyOf(roles), clock.instant().plus(ttl)));
    }

    void forget(String username) {
        entries.remove(username);
    }

    /** The roles of an account seen recently with this very password, if any. */
    Optional<Set<String>> recall(String username, String password) {
        Entry e = entries.get(username);
        if (e == null || clock.instant().isAfter(e.expires())
                || !MessageDigest.isEqual(e.digest(), digest(username, password))) {
            return Optional.empty();
        }
        return Optional.of(e.roles());
    }

    private byte[] digest(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(byte[] digest, Set<String> roles, Instant expires) {
    }
}
