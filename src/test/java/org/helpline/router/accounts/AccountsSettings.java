package org.helpline.router.accounts;

import java.time.Duration;

/** {@link AccountsConfig} for plain unit tests: the defaults, with what a test changes. */
record AccountsSettings(Duration outageLoginTtl, Duration loginCacheTtl, int accountFailures, int addressFailures,
                        Duration window, Duration lockoutDuration, Duration trustedFor) implements AccountsConfig {

    static AccountsSettings defaults() {
        return new AccountsSettings(Duration.ofHours(8), Duration.ofMinutes(5), 10, 30, Duration.ofMinutes(15),
                Duration.ofMinutes(5), Duration.ofHours(12));
    }

    AccountsSettings withOutageLoginTtl(Duration ttl) {
        return new AccountsSettings(ttl, loginCacheTtl, accountFailures, addressFailures, window, lockoutDuration, trustedFor);
    }

    AccountsSettings withLoginCacheTtl(Duration ttl) {
        return new AccountsSettings(outageLoginTtl, ttl, accountFailures, addressFailures, window, lockoutDuration, trustedFor);
    }

    AccountsSettings withLockout(int accountFailures, int addressFailures) {
        return new AccountsSettings(outageLoginTtl, loginCacheTtl, accountFailures, addressFailures, window, lockoutDuration,
                trustedFor);
    }

    @Override
    public int bcryptCost() {
        return 4;
    }

    @Override
    public int minPasswordLength() {
        return 12;
    }

    @Override
    public int passwordCheckThreads() {
        return 1;
    }

    @Override
    public int passwordCheckQueue() {
        return 4;
    }

    @Override
    public Lockout lockout() {
        return new Lockout() {
            public int accountFailures() {
                return accountFailures;
            }

            public int addressFailures() {
                return addressFailures;
            }

            public Duration window() {
                return window;
            }

            public Duration duration() {
                return lockoutDuration;
            }

            public Duration trustedFor() {
                return trustedFor;
            }
        };
    }
}
