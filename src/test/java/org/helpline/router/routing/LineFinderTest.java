package org.helpline.router.routing;

import org.helpline.router.lines.LineView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineFinderTest {

    private final LineView paris = TestLines.weekdays("ecoute", "+33800123456");
    private final LineView brussels = TestLines.weekdays("bw", "+3280012345");
    private final List<LineView> lines = List.of(paris, brussels);

    @Test
    void everyFormOfTheNumberMatches() {
        for (String form : List.of("+33800123456", "0033800123456", "33800123456", "0800123456", "800123456",
                "08 00 12 34 56")) {
            assertTrue(DialledNumber.matches(form, "+33800123456"), form);
        }
    }

    @Test
    void otherNumbersDoNotMatch() {
        for (String form : List.of("0800123457", "+33800123457", "0044800123456", "123456", "s", "", "+",
                "0612345678", "3114")) {
            assertFalse(DialledNumber.matches(form, "+33800123456"), form);
        }
        assertFalse(DialledNumber.matches(null, "+33800123456"));
        assertFalse(DialledNumber.matches("0800123456", null));
    }

    @Test
    void findsByDnidThenExtension() {
        assertEquals(Optional.of(paris), LineFinder.find(lines, null, "0800123456", "s"));
        assertEquals(Optional.of(brussels), LineFinder.find(lines, null, null, "080012345"));
        assertEquals(Optional.of(paris), LineFinder.find(lines, null, "0999999999", "+33800123456"));
        assertEquals(Optional.empty(), LineFinder.find(lines, null, "0999999999", "s"));
        assertEquals(Optional.empty(), LineFinder.find(lines, null, null, null));
    }

    @Test
    void explicitCodeIsAuthoritative() {
        assertEquals(Optional.of(brussels), LineFinder.find(lines, "bw", "0800123456", null));
        assertEquals(Optional.empty(), LineFinder.find(lines, "nope", "0800123456", null));
    }
}
