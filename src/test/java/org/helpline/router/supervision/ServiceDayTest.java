package org.helpline.router.supervision;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceDayTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalTime SIX = LocalTime.of(6, 0);

    @Test
    void nightBelongsToTheDayItStarted() {
        assertEquals(LocalDate.of(2026, 11, 24), ServiceDay.of(Instant.parse("2026-11-25T04:59:59Z"), PARIS, SIX));
        assertEquals(LocalDate.of(2026, 11, 25), ServiceDay.of(Instant.parse("2026-11-25T05:00:00Z"), PARIS, SIX));
    }

    @Test
    void midnightStartMakesCalendarDays() {
        assertEquals(LocalDate.of(2026, 11, 25), ServiceDay.of(Instant.parse("2026-11-24T23:00:00Z"), PARIS, LocalTime.MIDNIGHT));
        assertEquals(LocalDate.of(2026, 11, 24), ServiceDay.of(Instant.parse("2026-11-24T22:59:59Z"), PARIS, LocalTime.MIDNIGHT));
    }

    @Test
    void dstDaysLastTwentyThreeAndTwentyFiveHours() {
        LocalDate spring = LocalDate.of(2026, 3, 28);
        assertEquals(Duration.ofHours(23), Duration.between(ServiceDay.start(spring, PARIS, SIX),
                ServiceDay.start(spring.plusDays(1), PARIS, SIX)));
        LocalDate autumn = LocalDate.of(2026, 10, 24);
        assertEquals(Duration.ofHours(25), Duration.between(ServiceDay.start(autumn, PARIS, SIX),
                ServiceDay.start(autumn.plusDays(1), PARIS, SIX)));
    }
}
