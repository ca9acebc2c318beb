package org.helpline.router.schedule.calendar;

import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses a subscription may use, and what of them is ever shown. */
class CalendarUrlTest {

    static CalendarConfig config(boolean httpLoopback, boolean files) {
        return new CalendarConfig() {
            public Duration horizon() { return Duration.ofDays(400); }
            public Duration lookBack() { return Duration.ofDays(31); }
            public Duration refreshInterval() { return Duration.ofHours(1); }
            public Duration checkInterval() { return Duration.ofMinutes(1); }
            public MemorySize maxSize() { return new MemorySize(BigInteger.valueOf(1 << 20)); }
            public int maxOccurrences() { return 20_000; }
            public Duration connectTimeout() { return Duration.ofSeconds(5); }
            public Duration readTimeout() { return Duration.ofSeconds(20); }
            public boolean allowHttpLoopback() { return httpLoopback; }
            public boolean allowFiles() { return files; }
        };
    }

    @Test
    void productionAcceptsHttpsOnly() {
        CalendarConfig production = config(false, false);
        CalendarUrl.parse("https://cloud.example.org/remote.php/dav/public-calendars/abc?export", production);
        for (String refused : new String[] {"http://cloud.example.org/a.ics", "http://127.0.0.1:8080/a.ics",
                "file:///etc/passwd", "/etc/passwd", "ftp://example.org/a.ics", "webcal://example.org/a.ics",
                "https:///nohost", "not a url"}) {
            assertThrows(IllegalArgumentException.class, () -> CalendarUrl.parse(refused, production), refused);
        }
    }

    @Test
    void testsMayUseLoopbackHttpAndFiles() {
        CalendarConfig tests = config(true, true);
        CalendarUrl.parse("http://127.0.0.1:8080/a.ics", tests);
        CalendarUrl.parse("http://[::1]:8080/a.ics", tests);
        CalendarUrl.parse("http://localhost/a.ics", tests);
        assertTrue(CalendarUrl.parse("/tmp/a.ics", tests).isFile());
        assertThrows(IllegalArgumentException.class, () -> CalendarUrl.parse("http://10.0.0.1/a.ics", tests));
        assertThrows(IllegalArgumentException.class, () -> CalendarUrl.parse("http://calendar.example.org/a.ics", tests));
    }

    @Test
    void userInformationPathAndQueryValuesAreMasked() {
        CalendarUrl url = CalendarUrl.parse("https://asso:motdepasse@cloud.example.org:8443/cal/jours.ics?token=s3cr3t",
                config(false, false));
        assertEquals("https://***@cloud.example.org:8443/…/jours.ics?token=***", url.masked());
        assertEquals("failed for https://***@cloud.example.org:8443/…/jours.ics?token=***", url.scrub("failed for " + url.uri()));
        assertEquals("https://example.org/a.ics", CalendarUrl.parse("https://example.org/a.ics", config(false, false)).masked());
        assertEquals("file:/…/a.ics", CalendarUrl.parse("/tmp/a.ics", config(true, true)).masked());
    }

    @Test
    void aMaskedAddressIsRefusedSoItNeverReplacesTheSecret() {
        for (String masked : new String[] {"https://calendar.google.com/…/basic.ics", "https://***@cloud.example.org/a.ics",
                "https://example.org/a.ics?token=***"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CalendarUrl.parse(masked, config(false, false)), masked);
            assertTrue(e.getMessage().startsWith("is a masked address"), e.getMessage());
        }
    }
}
