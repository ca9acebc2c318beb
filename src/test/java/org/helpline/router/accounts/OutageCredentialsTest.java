package org.helpline.router.accounts;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutageCredentialsTest {

    static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");

    static AccountsConfig ttl(Duration ttl) {
        return AccountsSettings.defaults().withOutageLoginTtl(ttl);
    }

    @Test
    void recallsOnlyTheSamePasswordWithinTheTtl() {
        MutableClock clock = new MutableClock(T0);
        OutageCredentials c = new OutageCredentials(ttl(Duration.ofHours(8)), clock);
        c.remember("claire", "correct horse battery", Set.of("coordinator"));

        assertEquals(Optional.of(Set.of("coordinator")), c.recall("claire", "correct horse battery"));
        assertTrue(c.recall("claire", "wrong password").isEmpty());
        assertTrue(c.recall("someone-else", "correct horse battery").isEmpty());

        clock.now = T0.plus(Duration.ofHours(8)).plusSeconds(1);
        assertTrue(c.recall("claire", "correct horse battery").isEmpty(), "expired");
    }

    @Test
    void forgottenOrDisabledByAZeroTtl() {
        OutageCredentials c = new OutageCredentials(ttl(Duration.ofHours(8)), Clock.fixed(T0, ZoneOffset.UTC));
        c.remember("claire", "correct horse battery", Set.of("coordinator"));
        c.forget("claire");
        assertTrue(c.recall("claire", "correct horse battery").isEmpty());

        MutableClock clock = new MutableClock(T0);
        OutageCredentials off = new OutageCredentials(ttl(Duration.ZERO), clock);
        off.remember("claire", "correct horse battery", Set.of("coordinator"));
        clock.now = T0.plusMillis(1);
        assertTrue(off.recall("claire", "correct horse battery").isEmpty());
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
