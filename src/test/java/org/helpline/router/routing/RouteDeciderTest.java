package org.helpline.router.routing;

import org.helpline.router.lines.LineView;
import org.helpline.router.schedule.DatedRange;
import org.helpline.router.schedule.ManualOverride;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RouteDeciderTest {

    /** Wednesday 2026-11-25 10:00 in Paris: inside weekday hours. */
    private static final Clock OPEN_HOURS = Clock.fixed(paris(2026, 11, 25, 10, 0), TestLines.PARIS);
    /** Wednesday 2026-11-25 22:30 in Paris: after hours; reopens Thursday 09:00. */
    private static final Clock AFTER_HOURS = Clock.fixed(paris(2026, 11, 25, 22, 30), TestLines.PARIS);

    private final LineView line = TestLines.weekdays("ecoute", "+33800123456");

    private static Instant paris(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, TestLines.PARIS).toInstant();
    }

    private static Optional<QueueLoad> load(int loggedIn, int waiting, int waitSeconds) {
        return Optional.of(new QueueLoad(loggedIn, loggedIn, waiting, Duration.ofSeconds(waitSeconds)));
    }

    @Test
    void unknownLine() {
        RouteDecision d = RouteDecider.decide(null, Optional.empty(), OPEN_HOURS.instant());
        assertEquals(RouteAction.UNKNOWN_LINE, d.action());
        assertNull(d.lineCode());
        assertNull(d.queue());
    }

    @Test
    void openWithUnknownLiveStateQueues() {
        RouteDecision d = RouteDecider.decide(line, Optional.empty(), OPEN_HOURS.instant());
        assertEquals(RouteAction.QUEUE, d.action());
        assertEquals("ecoute", d.queue());
        assertNull(d.nextOpening());
    }

    @Test
    void openWithListenersQueues() {
        assertEquals(RouteAction.QUEUE, RouteDecider.decide(line, load(2, 2, 30), OPEN_HOURS.instant()).action());
    }

    @Test
    void closedAfterHoursGivesTheNextOpening() {
        RouteDecision d = RouteDecider.decide(line, load(2, 0, 0), AFTER_HOURS.instant());
        assertEquals(RouteAction.CLOSED, d.action());
        assertEquals(paris(2026, 11, 26, 9, 0), d.nextOpening());
        assertNull(d.queue());
    }

    @Test
    void closedOnFridayNightReopensOnMonday() {
        RouteDecision d = RouteDecider.decide(line, Optional.empty(), paris(2026, 11, 27, 21, 0));
        assertEquals(RouteAction.CLOSED, d.action());
        assertEquals(paris(2026, 11, 30, 9, 0), d.nextOpening());
    }

    @Test
    void closureClosesDuringWeekdayHours() {
        LineView closed = TestLines.line("ecoute", "+33800123456", List.of(new DatedRange(
                LocalDateTime.of(2026, 11, 25, 0, 0), LocalDateTime.of(2026, 11, 25, 14, 0), "training")), null);
        RouteDecision d = RouteDecider.decide(closed, Optional.empty(), OPEN_HOURS.instant());
        assertEquals(RouteAction.CLOSED, d.action());
        assertEquals(paris(2026, 11, 25, 14, 0), d.nextOpening());
    }

    @Test
    void overrideOpensOutsideHours() {
        LineView opened = TestLines.line("ecoute", "+33800123456", List.of(),
                new ManualOverride(true, paris(2026, 11, 26, 2, 0), "storm night"));
        assertEquals(RouteAction.QUEUE, RouteDecider.decide(opened, Optional.empty(), AFTER_HOURS.instant()).action());
    }

    @Test
    void overrideClosesDuringHours() {
        LineView shut = TestLines.line("ecoute", "+33800123456", List.of(),
                new ManualOverride(false, paris(2026, 11, 25, 12, 0), "outage"));
        RouteDecision d = RouteDecider.decide(shut, Optional.empty(), OPEN_HOURS.instant());
        assertEquals(RouteAction.CLOSED, d.action());
        assertEquals(paris(2026, 11, 25, 12, 0), d.nextOpening());
    }

    @Test
    void noListenerLoggedIn() {
        assertEquals(RouteAction.NO_LISTENER, RouteDecider.decide(line, load(0, 0, 0), OPEN_HOURS.instant()).action());
    }

    @Test
    void closedWinsOverNoListener() {
        assertEquals(RouteAction.CLOSED, RouteDecider.decide(line, load(0, 0, 0), AFTER_HOURS.instant()).action());
    }

    @Test
    void overloadAtTheWaitingLimit() {
        // maxWaitingCallers is 3 for the test line
        assertEquals(RouteAction.QUEUE, RouteDecider.decide(line, load(1, 2, 10), OPEN_HOURS.instant()).action());
        assertEquals(RouteAction.OVERLOAD, RouteDecider.decide(line, load(1, 3, 10), OPEN_HOURS.instant()).action());
    }

    @Test
    void overloadWhenTheEstimatedWaitExceedsTheMaximum() {
        // maxWaitSeconds is 40
        assertEquals(RouteAction.QUEUE, RouteDecider.decide(line, load(1, 0, 40), OPEN_HOURS.instant()).action());
        assertEquals(RouteAction.OVERLOAD, RouteDecider.decide(line, load(1, 0, 41), OPEN_HOURS.instant()).action());
    }

    @Test
    void unknownEstimatedWaitIsNotAnOverload() {
        Optional<QueueLoad> noEstimate = Optional.of(new QueueLoad(1, 1, 0, null));
        assertEquals(RouteAction.QUEUE, RouteDecider.decide(line, noEstimate, OPEN_HOURS.instant()).action());
    }
}
