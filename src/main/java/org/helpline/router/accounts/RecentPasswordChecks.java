package org.helpline.router.accounts;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful password checks of the last few minutes ({@code helpline.accounts.login-cache-ttl}), so that a
 * coordinator's console, which sends its credentials with every request, costs one bcrypt check per period
 * rather than one per request. An entry is an HMAC-SHA-256, under a key drawn at random when the process starts
 * and never stored, of the username, the stored hash and the password: it holds no password, is worthless
 * outside this process, and stops matching by itself when the password is changed (the stored hash changes).
 * Disabling an account or changing its roles needs no invalidation either — both are read from the database on
 * every login — but {@link #forget(String)} drops an account's entries at once anyway.
 */
@ApplicationScoped
public class RecentPasswordChecks {

    /** Far more than the accounts of a helpline; a full cache is swept, then simply not added to. */
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    RecentPasswordChecks(AccountsConfig config, Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = config.loginCacheTtl();
        this.clock = clock;
    }

    /** Whether this password was found right for this account (as stored now) within the TTL. */
    boolean recall(String username, String storedHash, String password) {
        if (ttl.isZero() || ttl.isNegative()) {
            return false;
        }
        Entry e = entries.get(digest(username, storedHash, password));
        return e != null && clock.instant().isBefore(e.expires());
    }

    void remember(String username, String storedHash, String password) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                return;
            }
        }
        entries.put(digest(username, storedHash, password), new Entry(username, now.plus(ttl)));
    }

    /** Drops every entry of an account (its password, roles or state changed). */
    void forget(String username) {
        entries.values().removeIf(e -> e.username().equals(username));
    }

    private String digest(String username, String storedHash, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // Length-prefixed fields: no two different triples encode alike.
            for (String part : new String[] {username, storedHash, password}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(new byte[] {(byte) (bytes.length >>> 8), (byte) bytes.length});
                mac.update(bytes);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(String username, Instant expires) {
    }
}
