package org.helpline.router.accounts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentPasswordChecksTest {

    static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");
    static final String HASH = "$2a$04$abcdefghijklmnopqrstuu5Yk0mXnTjzTyUhRoPxR2rJk3Xwhb1G2";

    private final OutageCredentialsTest.MutableClock clock = new OutageCredentialsTest.MutableClock(T0);

    @Test
    void recognisesTheSamePasswordForTheSameStoredHashWithinTheTtl() {
        RecentPasswordChecks recent = new RecentPasswordChecks(AccountsSettings.defaults(), clock);
        recent.remember("claire", HASH, "correct horse battery");
        assertTrue(recent.recall("claire", HASH, "correct horse battery"));
        assertFalse(recent.recall("claire", HASH, "correct horse batter"), "another password");
        assertFalse(recent.recall("claude", HASH, "correct horse battery"), "another account");
        assertFalse(recent.recall("claire", HASH.replace('a', 'b'), "correct horse battery"),
                "the password was changed: the stored hash differs");
        clock.now = T0.plus(Duration.ofMinutes(5));
        assertFalse(recent.recall("claire", HASH, "correct horse battery"), "expired");
    }

    @Test
    void forgetDropsAnAccountAndAZeroTtlRemembersNothing() {
        RecentPasswordChecks recent = new RecentPasswordChecks(AccountsSettings.defaults(), clock);
        recent.remember("claire", HASH, "correct horse battery");
        recent.remember("claude", HASH, "correct horse battery");
        recent.forget("claire");
        assertFalse(recent.recall("claire", HASH, "correct horse battery"));
        assertTrue(recent.recall("claude", HASH, "correct horse battery"));

        RecentPasswordChecks off = new RecentPasswordChecks(AccountsSettings.defaults().withLoginCacheTtl(Duration.ZERO), clock);
        off.remember("claire", HASH, "correct horse battery");
        assertFalse(off.recall("claire", HASH, "correct horse battery"));
    }
}
