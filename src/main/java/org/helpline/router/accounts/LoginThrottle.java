package org.helpline.router.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.platform.AddressAllowList;
import org.helpline.router.platform.PhoneNumberMask;
import org.jboss.logging.Logger;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: failed logins are counted per source address and per username within a window
 * ({@code helpline.accounts.lockout.*}); past a threshold, logins from that address, or to that username, are
 * refused for a while without any password check, and one WARN line says so (never the password; the
 * username only when such an account exists, since an unknown one may be a password typed in the wrong field).
 *
 * <p>Unknown usernames lock like known ones, so a lockout does not reveal which accounts exist. A lockout of an
 * account does not shut out the addresses that logged in to it successfully within
 * {@code helpline.accounts.lockout.trusted-for}: someone guessing a coordinator's password from elsewhere
 * cannot lock the coordinator's own console out. IPv6 sources count per /64, which one host usually holds whole.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    /** Bounds the memory an attacker can make the throttle use; a full table is swept, then not added to. */
    private static final int MAX_ENTRIES = 10_000;

    private final AccountsConfig.Lockout config;
    private final Clock clock;
    private final Map<String, Tally> addresses = new ConcurrentHashMap<>();
    private final Map<String, Tally> accounts = new ConcurrentHashMap<>();
    private final Map<String, Tally> unknownNames = new ConcurrentHashMap<>();
    private final Map<String, Instant> trusted = new ConcurrentHashMap<>();

    LoginThrottle(AccountsConfig config, Clock clock) {
        this.config = config.lockout();
        this.clock = clock;
    }

    /** How long logins by this username from this address stay refused; empty when one may be tried. */
    public Optional<Duration> refusal(String username, String address) {
        Instant now = clock.instant();
        String source = sourceKey(address);
        Duration wait = remaining(addresses.get(source), now);
        if (wait == null && !isTrusted(username, source, now)) {
            wait = remaining(accounts.get(username), now);
            if (wait == null) {
                wait = remaining(unknownNames.get(username), now);
            }
        }
        return Optional.ofNullable(wait);
    }

    /**
     * A login failed: a wrong password, an unknown username or a disabled account.
     *
     * @param username the username tried, or null to count the failure against the address only
     */
    public void failed(String username, boolean accountExists, String address) {
        Instant now = clock.instant();
        String source = sourceKey(address);
        if (count(addresses, source, config.addressFailures(), now)) {
            LOG.warnf("Logins from %s refused for %s after %d failed attempts within %s", printable(address),
                    config.duration(), config.addressFailures(), config.window());
        }
        Map<String, Tally> names = accountExists ? accounts : unknownNames;
        if (username != null && count(names, username, config.accountFailures(), now)) {
            String who = accountExists ? "to account '" + PhoneNumberMask.mask(username) + "'"
                    : "with an unknown username (not logged: it may be a password typed as a name)";
            LOG.warnf("Logins %s refused for %s after %d failed attempts within %s (the last from %s); addresses "
                            + "that logged in to it recently are not affected", who, config.duration(),
                    config.accountFailures(), config.window(), printable(address));
        }
    }

    /** A login succeeded: the account's failures are forgiven and this address is trusted for it. */
    public void succeeded(String username, String address) {
        Instant now = clock.instant();
        accounts.remove(username);
        if (config.trustedFor().isZero() || config.trustedFor().isNegative()) {
            return;
        }
        if (room(trusted, now)) {
            trusted.put(username + "\n" + sourceKey(address), now.plus(config.trustedFor()));
        }
    }

    /** @return whether this failure started a lockout */
    private boolean count(Map<String, Tally> tallies, String key, int threshold, Instant now) {
        if (threshold <= 0 || (!tallies.containsKey(key) && !room(tallies, now))) {
            return false;
        }
        boolean[] locked = new boolean[1];
        tallies.compute(key, (k, t) -> {
            Tally tally = t == null || t.expired(now, config.window()) ? new Tally(now) : t;
            if (tally.lockedUntil != null && now.isBefore(tally.lockedUntil)) {
                return tally; // already locked: attempts are refused before they get here
            }
            tally.failures++;
            if (tally.failures >= threshold) {
                tally.lockedUntil = now.plus(config.duration());
                tally.failures = 0;
                tally.since = now;
                locked[0] = true;
            }
            return tally;
        });
        return locked[0];
    }

    private boolean isTrusted(String username, String source, Instant now) {
        Instant until = trusted.get(username + "\n" + source);
        return until != null && now.isBefore(until);
    }

    /** Whether a table may take one more key, after dropping what has expired if it is full. */
    private boolean room(Map<String, ?> table, Instant now) {
        if (table.size() < MAX_ENTRIES) {
            return true;
        }
        table.values().removeIf(v -> v instanceof Tally t ? t.expired(now, config.window())
                : !now.isBefore((Instant) v));
        return table.size() < MAX_ENTRIES;
    }

    private static Duration remaining(Tally tally, Instant now) {
        Instant until = tally == null ? null : tally.lockedUntil;
        return until != null && now.isBefore(until) ? Duration.between(now, until) : null;
    }

    /** The address a tally is kept under: IPv4 as is, IPv6 by its /64. */
    static String sourceKey(String address) {
        InetAddress parsed = AddressAllowList.literal(address);
        if (parsed == null) {
            return "unknown";
        }
        if (parsed instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(parsed.getAddress(), 8);
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < prefix.length; i += 2) {
                key.append(String.format("%02x%02x:", prefix[i], prefix[i + 1]));
            }
            return key.append(":/64").toString();
        }
        return parsed.getHostAddress();
    }

    private static String printable(String address) {
        InetAddress parsed = AddressAllowList.literal(address);
        return parsed == null ? "an unknown address" : parsed.getHostAddress();
    }

    /** Failures in the current window, and the end of a lockout. */
    private static final class Tally {
        Instant since;
        int failures;
        volatile Instant lockedUntil;

        Tally(Instant since) {
            this.since = since;
        }

        boolean expired(Instant now, Duration window) {
            boolean lockOver = lockedUntil == null || !now.isBefore(lockedUntil);
            return lockOver && !now.isBefore(since.plus(window));
        }
    }
}
