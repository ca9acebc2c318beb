package org.helpline.router.accounts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecentPasswordChecksTest {

    static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");
    static final String HASH = "$2a$04$abcdefghijklmnopqrstuu5Yk0mXnTjzTyUhRoPxR2rJk3Xwhb1G2";

    private final OutageCredentialsTest.MutableClock clock = new OutageCredentialsTest.MutableClock(T0);

    @Test
    void recognisesTheSamePasswordForTheSameStoredHashWithinTheTtl() {
        RecentPasswordChecks recent = new RecentPasswordChecks(AccountsSettings.defaults(), clock);
        recent.remember("claire", HASH, "correct horse battery");
        assertEquals(HASH, recent.recall("claire", "correct horse battery"), "the hash it was checked against");
        assertNull(recent.recall("claire", "correct horse batter"), "another password");
        assertNull(recent.recall("claude", "correct horse battery"), "another account");
        clock.now = T0.plus(Duration.ofMinutes(5));
        assertNull(recent.recall("claire", "correct horse battery"), "expired");
    }

    @Test
    void forgetDropsAnAccountAndAZeroTtlRemembersNothing() {
        RecentPasswordChecks recent = new RecentPasswordChecks(AccountsSettings.defaults(), clock);
        recent.remember("claire", HASH, "correct horse battery");
        recent.remember("claude", HASH, "correct horse battery");
        recent.forget("claire");
        assertNull(recent.recall("claire", "correct horse battery"));
        assertEquals(HASH, recent.recall("claude", "correct horse battery"));

        RecentPasswordChecks off = new RecentPasswordChecks(AccountsSettings.defaults().withLoginCacheTtl(Duration.ZERO), clock);
        off.remember("claire", HASH, "correct horse battery");
        assertNull(off.recall("claire", "correct horse battery"));
    }
}
