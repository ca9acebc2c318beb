package org.helpline.router.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the API's accounts ({@code helpline.accounts.*}). */
@ConfigMapping(prefix = "helpline.accounts")
public interface AccountsConfig {

    /** bcrypt cost factor (log2 rounds) for new password hashes. */
    @WithDefault("12")
    int bcryptCost();

    /**
     * Shortest password accepted, in characters (Unicode code points). The longest is 72 bytes in UTF-8, bcrypt's
     * limit; both rules apply to the bootstrap operator too.
     */
    @WithDefault("12")
    int minPasswordLength();

    /**
     * While PostgreSQL is unreachable, an account that logged in successfully within this time keeps its access
     * (checked against an in-memory salted digest), so coordinators keep the live view. {@code 0s} disables it.
     */
    @WithDefault("8h")
    Duration outageLoginTtl();

    /**
     * Threads that run bcrypt (password checks and new hashes). Each check at cost 12 takes a core for about a
     * third of a second: keep this below the number of cores so the routing path always has one.
     */
    @WithDefault("1")
    int passwordCheckThreads();

    /**
     * Password checks waiting for a thread; beyond it a login is answered 503 with {@code Retry-After} at once.
     * Small on purpose: each one waiting adds a check's time to the wait of those behind it.
     */
    @WithDefault("4")
    int passwordCheckQueue();

    /**
     * How long a successful password check is remembered (as a keyed hash, in memory), so repeated requests
     * with the same credentials skip bcrypt. {@code 0s} disables it.
     */
    @WithDefault("5m")
    Duration loginCacheTtl();

    /** Throttling of failed logins. */
    Lockout lockout();

    /** Throttling of failed logins ({@code helpline.accounts.lockout.*}). */
    interface Lockout {

        /** Failed logins to one username within the window that lock it for the lockout duration; 0 disables. */
        @WithDefault("10")
        int accountFailures();

        /** Failed logins from one address (IPv6: one /64) within the window that lock it out; 0 disables. */
        @WithDefault("30")
        int addressFailures();

        /** The window failures are counted in. */
        @WithDefault("15m")
        Duration window();

        /** How long a lockout lasts; logins are refused with 429 and {@code Retry-After} meanwhile. */
        @WithDefault("5m")
        Duration duration();

        /**
         * An address that logged in to an account successfully stays able to log in to it for this long even while
         * the account is locked by failures from elsewhere ({@code 0s}: never).
         */
        @WithDefault("12h")
        Duration trustedFor();
    }
}
