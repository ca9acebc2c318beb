package org.helpline.router.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerPseudonymizerTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOV_3 = Instant.parse("2026-11-03T10:00:00Z");
    private static final Instant NOV_29 = Instant.parse("2026-11-29T22:00:00Z");
    private static final Instant DEC_1 = Instant.parse("2026-12-01T08:00:00Z");

    private final CallerPseudonymizer monthly = pseudonymizer("secret-one");

    private static CallerPseudonymizer pseudonymizer(String secret) {
        return new CallerPseudonymizer(secret.getBytes(StandardCharsets.UTF_8), PARIS,
                PseudonymPeriod.Granularity.MONTH, "33");
    }

    @Test
    void sameCallerSamePeriodGetsTheSamePseudonym() {
        var early = monthly.pseudonymise("+33612345678", NOV_3);
        var late = monthly.pseudonymise("+33612345678", NOV_29);
        assertEquals(early, late);
        assertEquals("2026-11", early.period());
        assertFalse(early.withheld());
        assertFalse(early.value().contains("612345678"), "the pseudonym must not contain the number");
    }

    @Test
    void differentCallersGetDifferentPseudonyms() {
        assertNotEquals(monthly.pseudonymise("+33612345678", NOV_3).value(),
                monthly.pseudonymise("+33612345679", NOV_3).value());
    }

    @Test
    void theSameCallerCannotBeLinkedAcrossPeriods() {
        var november = monthly.pseudonymise("+33612345678", NOV_29);
        var december = monthly.pseudonymise("+33612345678", DEC_1);
        assertEquals("2026-12", december.period());
        assertNotEquals(november.value(), december.value());
    }

    @Test
    void periodsFollowTheConfiguredZone() {
        // 23:30 UTC on 30 November is already 1 December in Paris.
        assertEquals("2026-12", monthly.pseudonymise("+33612345678", Instant.parse("2026-11-30T23:30:00Z")).period());
        var weekly = new CallerPseudonymizer(new byte[]{1, 2, 3}, PARIS, PseudonymPeriod.Granularity.WEEK, "33");
        assertEquals("2026-W48", weekly.pseudonymise("+33612345678", Instant.parse("2026-11-24T12:00:00Z")).period());
    }

    @Test
    void anotherKeyGivesOtherPseudonyms() {
        assertNotEquals(monthly.pseudonymise("+33612345678", NOV_3).value(),
                pseudonymizer("secret-two").pseudonymise("+33612345678", NOV_3).value());
    }

    @Test
    void everyWayOfWritingOneNumberGivesOnePseudonym() {
        String expected = monthly.pseudonymise("+33612345678", NOV_3).value();
        for (String form : new String[]{"0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78",
                "+33 6 12 34 56 78", "0033612345678", "00 33 6 12 34 56 78", "+33 (0)6 12 34 56 78",
                "+330612345678", "33612345678", " +33612345678 "}) {
            assertEquals(expected, monthly.pseudonymise(form, NOV_3).value(), form);
        }
    }

    @Test
    void foreignAndShortNumbersAreNotTakenForFrenchOnes() {
        assertEquals("+442071234567", CallerNumbers.normalise("0044 20 7123 4567", "33"));
        assertEquals("3114", CallerNumbers.normalise("3114", "33"));
        assertNotEquals(monthly.pseudonymise("+4412345678", NOV_3).value(),
                monthly.pseudonymise("+3312345678", NOV_3).value());
    }

    @Test
    void withheldNumbersGetTheMarkerAndNoHash() {
        for (String raw : new String[]{null, "", "  ", "anonymous", "Anonymous", "unknown", "withheld", "private",
                "<unknown>", "abc"}) {
            var p = monthly.pseudonymise(raw, NOV_3);
            assertEquals(CallerNumbers.WITHHELD, p.value(), String.valueOf(raw));
            assertTrue(p.withheld());
            assertEquals("2026-11", p.period());
        }
        assertNull(CallerNumbers.normalise("anonymous", "33"));
    }

    @Test
    void aMissingSecretIsGeneratedOnceOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("pseudonym.secret");
        byte[] first = PseudonymSecret.resolve(Optional.empty(), file);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(first.length >= 32);
        assertArrayEquals(first, PseudonymSecret.resolve(Optional.empty(), file), "a restart must reuse the secret");
        assertNotEquals(new String(first, StandardCharsets.US_ASCII),
                new String(PseudonymSecret.resolve(Optional.empty(), dir.resolve("other")), StandardCharsets.US_ASCII));
    }

    @Test
    void aConfiguredSecretWinsAndNoFileIsWritten(@TempDir Path dir) {
        Path file = dir.resolve("pseudonym.secret");
        assertArrayEquals("configured".getBytes(StandardCharsets.UTF_8),
                PseudonymSecret.resolve(Optional.of("configured"), file));
        assertFalse(Files.exists(file));
    }
}
