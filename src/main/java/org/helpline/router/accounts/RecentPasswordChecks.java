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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Successful password checks of the last few minutes ({@code helpline.accounts.login-cache-ttl}), so that a
 * coordinator's console, which sends its credentials with every request, costs one bcrypt check per period
 * rather than one per request — and keeps working while a flood of other logins holds every bcrypt thread.
 * An entry is keyed by an HMAC-SHA-256, under a key drawn at random when the process starts and never stored,
 * of the username and the password: it holds no password and is worthless outside this process. It keeps the
 * stored hash the password was checked against, so it stops counting as soon as the password is changed,
 * through any instance (the stored hash read at login differs). Disabling an account or changing its roles needs
 * no invalidation — both are read from the database on every login — but {@link #forget(String)} drops an
 * account's entries at once anyway.
 */
@ApplicationScoped
public class RecentPasswordChecks {

    /** Far more than the accounts of a helpline; a full cache is swept, then simply not added to. */
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Checks running now, by the same digest: a console opening a page sends several requests at once. */
    private final Map<String, Running> running = new ConcurrentHashMap<>();
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

    /**
     * The stored hash this password was found right against within the TTL, or null. Asked before the account
     * is read: a login it answers needs no bcrypt thread, so it is not refused while they are all busy.
     */
    String recall(String username, String password) {
        if (ttl.isZero() || ttl.isNegative()) {
            return null;
        }
        Entry e = entries.get(digest(username, password));
        return e != null && clock.instant().isBefore(e.expires()) ? e.storedHash() : null;
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
        entries.put(digest(username, password), new Entry(username, storedHash, now.plus(ttl)));
    }

    /** Whether a check of exactly this username and password is running now (a request can join it). */
    boolean checking(String username, String password) {
        return running.containsKey(digest(username, password));
    }

    /**
     * The running check of this username and password against this stored hash, joined; or a new one, started
     * with {@code start} and shared with whoever asks the same until it ends. The same password against the same
     * hash cannot give two answers, so several requests that arrive together with one person's credentials cost
     * one bcrypt computation and one place in the pool's queue, not one each (a full queue would refuse the
     * console's own requests with 503).
     */
    CompletableFuture<Boolean> joinOrStart(String username, String storedHash, String password,
                                           Supplier<CompletableFuture<Boolean>> start) {
        String digest = digest(username, password);
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        Running other = running.putIfAbsent(digest, new Running(storedHash, mine));
        if (other != null) {
            // Another check of these credentials: the same answer, unless the password changed in between.
            return other.storedHash().equals(storedHash) ? other.verdict() : start.get();
        }
        try {
            start.get().whenComplete((right, failure) -> {
                running.remove(digest);
                if (failure != null) {
                    mine.completeExceptionally(failure);
                } else {
                    mine.complete(right);
                }
            });
        } catch (RuntimeException refused) {
            running.remove(digest);
            mine.completeExceptionally(refused);
            throw refused;
        }
        return mine;
    }

    /** Drops every entry of an account (its password, roles or state changed). */
    void forget(String username) {
        entries.values().removeIf(e -> e.username().equals(username));
    }

    private String digest(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // Length-prefixed fields: no two different pairs encode alike.
            for (String part : new String[] {username, password}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(String username, String storedHash, Instant expires) {
    }

    private record Running(String storedHash, CompletableFuture<Boolean> verdict) {
    }
}
