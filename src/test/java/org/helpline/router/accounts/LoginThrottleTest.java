package org.helpline.router.accounts;

import org.helpline.router.support.CapturedLogs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed logins per account and per address, with the defaults: 10 per account, 30 per address, in 15 min. */
class LoginThrottleTest {

    static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");

    private final OutageCredentialsTest.MutableClock clock = new OutageCredentialsTest.MutableClock(T0);
    private final LoginThrottle throttle = new LoginThrottle(AccountsSettings.defaults(), clock);

    @Test
    void anAccountLocksAfterTenFailuresWithOneLogLineAndUnlocksAfterTheLockout() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int i = 0; i < 9; i++) {
                throttle.failed("claire", true, "192.0.2." + i);
                assertTrue(throttle.refusal("claire", "192.0.2.99").isEmpty(), "still open after " + (i + 1));
            }
            throttle.failed("claire", true, "192.0.2.9");
            assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.refusal("claire", "192.0.2.99"));
            assertTrue(throttle.refusal("someone-else", "192.0.2.99").isEmpty(), "other accounts unaffected");
            List<String> lines = logs.containing("refused for PT5M");
            assertEquals(1, lines.size(), "one line per lockout: " + logs.lines());
            assertTrue(lines.get(0).contains("'claire'") && lines.get(0).contains("192.0.2.9"), lines.get(0));
        }
        clock.now = T0.plus(Duration.ofMinutes(5)).plusSeconds(1);
        assertTrue(throttle.refusal("claire", "192.0.2.99").isEmpty(), "the lockout is temporary");
    }

    @Test
    void failuresOutsideTheWindowAreForgottenAndASuccessForgivesThem() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("claire", true, "192.0.2.1");
        }
        clock.now = T0.plus(Duration.ofMinutes(16));
        throttle.failed("claire", true, "192.0.2.1");
        assertTrue(throttle.refusal("claire", "192.0.2.1").isEmpty(), "the window started again");
        for (int i = 0; i < 8; i++) {
            throttle.failed("claire", true, "192.0.2.1");
        }
        throttle.succeeded("claire", "192.0.2.1");
        throttle.failed("claire", true, "192.0.2.1");
        assertTrue(throttle.refusal("claire", "192.0.2.1").isEmpty(), "a success forgives the account's failures");
    }

    @Test
    void anAddressLocksAfterThirtyFailuresWhateverTheUsernames() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int i = 0; i < 30; i++) {
                throttle.failed("guess" + i, false, "203.0.113.7");
            }
            assertTrue(throttle.refusal("anyone", "203.0.113.7").isPresent());
            assertTrue(throttle.refusal("anyone", "203.0.113.8").isEmpty());
            assertEquals(1, logs.containing("Logins from 203.0.113.7 refused").size());
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("guess")), "unknown usernames are not logged");
        }
    }

    @Test
    void ipv6SourcesCountPerSlash64() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("guess" + i, false, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertTrue(throttle.refusal("x", "2001:db8:1:2:ffff::1").isPresent(), "same /64");
        assertTrue(throttle.refusal("x", "2001:db8:1:3::1").isEmpty(), "another /64");
    }

    @Test
    void unknownUsernamesLockLikeAccountsSoALockoutRevealsNothing() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int i = 0; i < 10; i++) {
                throttle.failed("0612345678", false, "198.51.100." + i);
            }
            assertTrue(throttle.refusal("0612345678", "198.51.100.50").isPresent());
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("0612345678")),
                    "an unknown username may be a password or a number: never logged");
        }
    }

    @Test
    void anAddressThatLoggedInToTheAccountKeepsAccessDuringItsLockout() {
        throttle.succeeded("claire", "192.0.2.50");
        for (int i = 0; i < 10; i++) {
            throttle.failed("claire", true, "203.0.113.66");
        }
        assertTrue(throttle.refusal("claire", "203.0.113.66").isPresent(), "the guesser is locked out");
        assertTrue(throttle.refusal("claire", "203.0.113.67").isPresent(), "so is any new address");
        assertTrue(throttle.refusal("claire", "192.0.2.50").isEmpty(), "the coordinator's own console is not");
        clock.now = T0.plus(Duration.ofHours(13));
        for (int i = 0; i < 10; i++) {
            throttle.failed("claire", true, "203.0.113.66");
        }
        assertTrue(throttle.refusal("claire", "192.0.2.50").isPresent(), "trust lasts trusted-for, then ends");
    }

    @Test
    void zeroThresholdsDisableTheThrottle() {
        LoginThrottle off = new LoginThrottle(AccountsSettings.defaults().withLockout(0, 0), clock);
        for (int i = 0; i < 100; i++) {
            off.failed("claire", true, "192.0.2.1");
        }
        assertFalse(off.refusal("claire", "192.0.2.1").isPresent());
    }
}
