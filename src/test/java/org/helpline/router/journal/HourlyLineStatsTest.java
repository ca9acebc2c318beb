package org.helpline.router.journal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.helpline.router.journal.CallOutcome.ABANDONED;
import static org.helpline.router.journal.CallOutcome.ANSWERED;
import static org.helpline.router.journal.CallOutcome.CLOSED;
import static org.helpline.router.journal.CallOutcome.SHORT_CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Calls counted by the clock hour of their start in the line's zone, DST nights included. */
class HourlyLineStatsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static HourlyLineStats.StartedCall call(CallOutcome outcome, Integer wait, String start) {
        return new HourlyLineStats.StartedCall(new DailyFigures.Call(outcome, wait, null, wait != null, false),
                start == null ? null : Instant.parse(start));
    }

    @Test
    void theHourIsTheLinesClockHour() {
        assertEquals(8, HourlyLineStats.hourOf(Instant.parse("2027-06-14T06:10:00Z"), PARIS), "summer: UTC+2");
        assertEquals(7, HourlyLineStats.hourOf(Instant.parse("2027-01-14T06:10:00Z"), PARIS), "winter: UTC+1");
        assertEquals(6, HourlyLineStats.hourOf(Instant.parse("2027-06-14T06:10:00Z"), ZoneId.of("UTC")));
        assertEquals(10, HourlyLineStats.hourOf(Instant.parse("2027-06-14T06:10:00Z"), ZoneId.of("Indian/Reunion")));
    }

    @Test
    void dstNightsFollowTheClock() {
        int[][] spring = HourlyLineStats.countByHour(List.of(
                call(CLOSED, null, "2027-03-28T00:59:59Z"),     // 01:59:59 CET
                call(CLOSED, null, "2027-03-28T01:00:00Z")),    // 03:00:00 CEST
                PARIS, 5);
        assertEquals(1, spring[1][CLOSED.ordinal()]);
        assertEquals(0, spring[2][CLOSED.ordinal()]);
        assertEquals(1, spring[3][CLOSED.ordinal()]);

        int[][] autumn = HourlyLineStats.countByHour(List.of(
                call(CLOSED, null, "2027-10-31T00:15:00Z"),     // 02:15 CEST
                call(CLOSED, null, "2027-10-31T01:15:00Z"),     // 02:15 CET
                call(CLOSED, null, "2027-10-31T02:00:00Z")),    // 03:00 CET
                PARIS, 5);
        assertEquals(2, autumn[2][CLOSED.ordinal()], "two real hours under one clock hour");
        assertEquals(1, autumn[3][CLOSED.ordinal()]);
    }

    @Test
    void callsCountAsTheDailyFiguresCountThem() {
        int[][] counts = HourlyLineStats.countByHour(List.of(
                call(ABANDONED, 4, "2027-06-14T08:00:00Z"),      // within 5 s: a short call
                call(ABANDONED, 5, "2027-06-14T08:10:00Z"),      // 5 s: an abandon
                call(ANSWERED, 12, "2027-06-14T08:20:00Z"),
                call(null, 30, "2027-06-14T08:30:00Z")),         // still waiting: not counted yet
                PARIS, 5);
        assertEquals(1, counts[10][SHORT_CALL.ordinal()]);
        assertEquals(1, counts[10][ABANDONED.ordinal()]);
        assertEquals(1, counts[10][ANSWERED.ordinal()]);
        int all = 0;
        for (int[] hour : counts) {
            for (int n : hour) {
                all += n;
            }
        }
        assertEquals(3, all);
    }
}
