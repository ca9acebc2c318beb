package org.helpline.router.accounts;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passwords: the shortest counted in characters, the longest in bytes (bcrypt reads 72), the bootstrap alike. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(12);

    @Test
    void minimumCountsCharactersNotBytes() {
        assertTrue(policy.problem("éééééééééééé").isEmpty(), "12 characters, 24 bytes");
        assertTrue(policy.problem("ééééééééééé").orElseThrow().contains("at least 12 characters"), "11 characters");
        assertTrue(policy.problem("😀😀😀😀😀😀😀😀😀😀😀😀").isEmpty(), "12 code points, 24 UTF-16 units");
        assertEquals(Optional.of("is required"), policy.problem(""));
        assertEquals(Optional.of("is required"), policy.problem(null));
    }

    @Test
    void maximumCountsUtf8BytesAsBcryptDoes() {
        assertTrue(policy.problem("a".repeat(72)).isEmpty());
        assertTrue(policy.problem("a".repeat(73)).orElseThrow().contains("72 bytes"));
        // 36 characters but 72 bytes: accepted; 37 such characters are 74 bytes: refused though far below 72 chars.
        assertTrue(policy.problem("é".repeat(36)).isEmpty());
        String tooLong = policy.problem("é".repeat(37)).orElseThrow();
        assertTrue(tooLong.contains("72 bytes") && tooLong.contains("74"), tooLong);
        assertTrue(PasswordPolicy.fitsBcrypt("é".repeat(36)));
        assertFalse(PasswordPolicy.fitsBcrypt("é".repeat(37)));
        assertFalse(PasswordPolicy.fitsBcrypt("a".repeat(10_000)));
    }

    @Test
    void theBootstrapOperatorFollowsTheSameRules() {
        BootstrapOperator ok = BootstrapOperator.parse("admin:a:password:with:colons", policy);
        assertEquals("admin", ok.username());
        assertEquals("a:password:with:colons", ok.password());
        assertFalse(ok.toString().contains("password:with"), "never printed");

        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                () -> BootstrapOperator.parse("admin:secret", policy));
        assertTrue(shortOne.getMessage().contains("at least 12 characters"), shortOne.getMessage());
        assertFalse(shortOne.getMessage().contains("secret"), "the password is not quoted");
        IllegalArgumentException longOne = assertThrows(IllegalArgumentException.class,
                () -> BootstrapOperator.parse("admin:" + "ü".repeat(40), policy));
        assertTrue(longOne.getMessage().contains("72 bytes"), longOne.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BootstrapOperator.parse("admin", policy));
        assertThrows(IllegalArgumentException.class, () -> BootstrapOperator.parse(":long-enough-password", policy));
        assertThrows(IllegalArgumentException.class, () -> BootstrapOperator.parse("admin:", policy));
        assertThrows(IllegalArgumentException.class, () -> BootstrapOperator.parse("ad min:long-enough-password", policy));
    }
}
