package org.helpline.router.lines;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which numbers a caller pressing 1 may be transferred to. */
class CrisisNumberPolicyTest {

    private static CrisisNumberPolicy policy(String... allowed) {
        return new CrisisNumberPolicy(new LinesConfig() {
            @Override
            public Duration refreshInterval() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Optional<List<String>> allowedCrisisNumbers() {
                return allowed.length == 0 ? Optional.empty() : Optional.of(List.of(allowed));
            }
        });
    }

    @Test
    void shortNationalNumbersAreAcceptedWithoutConfiguration() {
        CrisisNumberPolicy policy = policy();
        for (String n : List.of("15", "17", "112", "119", "3114", "3919", "116117")) {
            assertTrue(policy.accepts(n), n);
        }
    }

    @Test
    void premiumInternationalAndLongNumbersNeedTheOperatorsAllowList() {
        CrisisNumberPolicy policy = policy();
        for (String n : List.of("0899123456", "0033123456789", "+33899123456", "+33800235236", "0800235236",
                "1234567", "0112", "1", "31 14", "", "3114\u0000")) {
            assertFalse(policy.accepts(n), n);
        }
        assertFalse(policy.accepts(null));

        CrisisNumberPolicy listed = policy("+33800235236", " 0972394050 ");
        assertTrue(listed.accepts("+33800235236"));
        assertTrue(listed.accepts("0972394050"));
        assertFalse(listed.accepts("0899123456"));
        assertTrue(listed.rule().contains("+33800235236"));
    }

    @Test
    void anAllowListEntryThatIsNoNumberStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> policy("3114; rm -rf"));
    }
}
