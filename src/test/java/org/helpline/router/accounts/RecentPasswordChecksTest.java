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

    @Test
    void requestsArrivingTogetherWithTheSameCredentialsShareOneCheck() {
        RecentPasswordChecks recent = new RecentPasswordChecks(AccountsSettings.defaults(), clock);
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> checks = new java.util.ArrayList<>();
        java.util.function.Supplier<java.util.concurrent.CompletableFuture<Boolean>> bcrypt = () -> {
            started.incrementAndGet();
            java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
            checks.add(f);
            return f;
        };
        var first = recent.joinOrStart("claire", HASH, "correct horse battery", bcrypt);
        var second = recent.joinOrStart("claire", HASH, "correct horse battery", bcrypt);
        org.junit.jupiter.api.Assertions.assertTrue(recent.checking("claire", "correct horse battery"));
        var otherPassword = recent.joinOrStart("claire", HASH, "wrong horse", bcrypt);
        var changedHash = recent.joinOrStart("claire", HASH + "x", "correct horse battery", bcrypt);
        assertEquals(3, started.get(), "one check for the two identical requests, one each for the others");

        checks.get(0).complete(true);
        assertEquals(true, first.join());
        assertEquals(true, second.join());
        org.junit.jupiter.api.Assertions.assertFalse(recent.checking("claire", "correct horse battery"),
                "an ended check is not joined: the next request starts its own (or finds the cache)");
        org.junit.jupiter.api.Assertions.assertFalse(otherPassword.isDone());
        checks.get(1).complete(false);
        assertEquals(false, otherPassword.join());
        org.junit.jupiter.api.Assertions.assertFalse(changedHash.isDone());

        recent.joinOrStart("claire", HASH, "correct horse battery", bcrypt);
        assertEquals(4, started.get());
    }

    @Test
    void aRefusedCheckIsNotLeftForOthersToJoin() {
        RecentPasswordChecks recent = new RecentPasswordChecks(AccountsSettings.defaults(), clock);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () ->
                recent.joinOrStart("claire", HASH, "correct horse battery", () -> {
                    throw new IllegalStateException("the pool is full");
                }));
        org.junit.jupiter.api.Assertions.assertFalse(recent.checking("claire", "correct horse battery"));
    }
}
