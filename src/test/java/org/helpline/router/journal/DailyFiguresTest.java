package org.helpline.router.journal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.helpline.router.journal.CallOutcome.ABANDONED;
import static org.helpline.router.journal.CallOutcome.ANSWERED;
import static org.helpline.router.journal.CallOutcome.CRISIS_TRANSFER;
import static org.helpline.router.journal.CallOutcome.LEFT_DURING_NOTICE;
import static org.helpline.router.journal.CallOutcome.SHORT_CALL;
import static org.helpline.router.journal.CallOutcome.TIMED_OUT;
import static org.helpline.router.journal.CallOutcome.TRANSFER_FAILED;
import static org.helpline.router.journal.CallOutcome.UNKNOWN_LINE;
import static org.helpline.router.journal.CallOutcome.CLOSED;
import static org.helpline.router.journal.CallOutcome.FAILED;
import static org.helpline.router.journal.CallOutcome.NO_LISTENER;
import static org.helpline.router.journal.CallOutcome.OVERLOAD;
import static org.helpline.router.journal.CallOutcome.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DailyFiguresTest {

    private static DailyFigures.Call call(CallOutcome outcome, Integer wait, Integer talk, boolean queued) {
        return new DailyFigures.Call(outcome, wait, talk, queued, false);
    }

    private static final List<DailyFigures.Call> DAY = List.of(
            call(ANSWERED, 10, 600, true),
            call(ANSWERED, 40, 300, true),
            call(ANSWERED, 5, 100, true),
            call(ANSWERED, 70, null, true),           // answered, still talking
            call(ABANDONED, 90, null, true),
            call(ABANDONED, 3, null, true),           // gone within 5 s: a very short call, not an abandon
            call(SHORT_CALL, 2, null, true),          // the same, as the journal now records it
            call(ABANDONED, 5, null, true),           // exactly 5 s: an abandon
            call(NO_LISTENER, null, null, false),     // routed away at once: nobody logged in
            call(NO_LISTENER, 15, null, true),        // the queue emptied under the caller after a ring-out
            call(TIMED_OUT, 300, null, true),         // waited the line's maximum
            call(CLOSED, null, null, false),
            new DailyFigures.Call(CLOSED, null, null, false, false, true),   // stayed until every crisis number
            call(OVERLOAD, null, null, false),
            call(FAILED, null, null, false),
            new DailyFigures.Call(CLOSED, null, null, false, true),
            call(LEFT_DURING_NOTICE, 0, null, false),
            call(CRISIS_TRANSFER, null, null, false), // pressed 1 after the crisis numbers
            call(CRISIS_TRANSFER, 12, null, true),    // pressed 1 while waiting
            call(TRANSFER_FAILED, null, null, false),
            call(UNKNOWN_LINE, null, null, false),
            call(null, null, null, true));            // still waiting: not counted yet

    @Test
    void countsEveryOutcomeExactly() {
        DailyFigures f = DailyFigures.of(DAY, 30, 5, 9, 2);
        assertEquals(21, f.offered());
        assertEquals(4, f.answered());
        assertEquals(2, f.abandoned());
        assertEquals(2, f.shortCalls());
        assertEquals(3, f.closed());
        assertEquals(2, f.noListener());
        assertEquals(1, f.timedOut());
        assertEquals(1, f.overload());
        assertEquals(1, f.failed());
        assertEquals(1, f.leftDuringNotice());
        assertEquals(2, f.crisisTransfers());
        assertEquals(1, f.transfersFailed());
        assertEquals(1, f.unknownLine());
        assertEquals(1, f.crisisHeard());
        assertEquals(1, f.withheldCalls());
        assertEquals(1000, f.talkSeconds());
        assertEquals(List.of(5, 10, 40, 70), f.answeredWaits());
    }

    @Test
    void serviceLevelAndPercentilesAreExact() {
        DailyFigures f = DailyFigures.of(DAY, 30, 5, 9, 2);
        // queued = every call that entered the queue but the short ones: 4 answered, 2 abandons, the emptied
        // queue, the timeout and the transfer from the queue; within 30 s: waits 5 and 10
        assertEquals(9, f.queued());
        assertEquals(2, f.answeredWithinTarget());
        assertEquals(2.0 / 9, f.serviceLevel(), 1e-9);
        // nearest rank over [5, 10, 40, 70]: p50 = 2nd value, p90 = 4th value
        assertEquals(10, f.waitPercentile(50));
        assertEquals(70, f.waitPercentile(90));
        assertEquals(31.25, f.averageAnsweredWait(), 1e-9);
        assertEquals(2.0 / 9, f.repeatCallerShare(), 1e-9);
    }

    @Test
    void anEmptyDayHasNoRatios() {
        DailyFigures none = DailyFigures.none(30, 5);
        assertNull(none.serviceLevel());
        assertNull(none.waitPercentile(50));
        assertNull(none.repeatCallerShare());
        assertEquals(0, DailyFigures.of(List.of(call(null, null, null, true)), 30, 5, 0, 0).offered());
    }

    @Test
    void daysAddUpWithExactPercentilesOverTheSpan() {
        DailyFigures monday = DailyFigures.of(List.of(call(ANSWERED, 1, 10, true), call(ANSWERED, 100, 10, true)), 30, 5, 2, 0);
        DailyFigures tuesday = DailyFigures.of(List.of(call(ANSWERED, 20, 10, true), call(ABANDONED, 60, null, true)), 30, 5, 1, 1);
        DailyFigures week = monday.plus(tuesday);
        assertEquals(4, week.offered());
        assertEquals(List.of(1, 20, 100), week.answeredWaits());
        assertEquals(20, week.waitPercentile(50));
        assertEquals(2.0 / 4, week.serviceLevel(), 1e-9);
        assertEquals(3, week.identifiedCallers());
        assertEquals(1, week.repeatCallers());
    }
}
