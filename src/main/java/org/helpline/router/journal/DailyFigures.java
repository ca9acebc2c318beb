package org.helpline.router.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One line's figures for one service day, with no pseudonym in them: what survives the purge of the call
 * records. {@link #of} computes them from the day's calls; {@link #plus} adds days up for longer spans. The same
 * figures feed the reports and the coordinators' live "today" (docs/privacy.md lists each with its meaning).
 *
 * @param answeredWaits the sorted waits of answered calls, so percentiles over any span stay exact
 */
public record DailyFigures(int offered, int answered, int abandoned, int shortCalls, int closed, int noListener,
                           int timedOut, int overload, int failed, int queued, int answeredWithinTarget,
                           int serviceLevelSeconds, int shortCallSeconds, List<Integer> answeredWaits,
                           long talkSeconds, int identifiedCallers, int repeatCallers, int withheldCalls,
                           int leftDuringNotice, int crisisTransfers, int transfersFailed, int unknownLine,
                           int crisisHeard) {

    /** What the figures need to know of one call. */
    public record Call(CallOutcome outcome, Integer waitSeconds, Integer talkSeconds, boolean queueEntered,
                       boolean withheld, boolean crisisHeard) {

        public Call(CallOutcome outcome, Integer waitSeconds, Integer talkSeconds, boolean queueEntered, boolean withheld) {
            this(outcome, waitSeconds, talkSeconds, queueEntered, withheld, false);
        }

        /**
         * The outcome as the figures count it: an abandon within {@code shortCallSeconds} of entering the queue
         * is a short call (records written before the dialplan's outcome may still say ABANDONED).
         */
        public CallOutcome counted(int shortCallSeconds) {
            return outcome == CallOutcome.ABANDONED && waitSeconds != null && waitSeconds < shortCallSeconds
                    ? CallOutcome.SHORT_CALL : outcome;
        }
    }

    public DailyFigures {
        answeredWaits = List.copyOf(answeredWaits);
    }

    /** No call at all. */
    public static DailyFigures none(int serviceLevelSeconds, int shortCallSeconds) {
        return new DailyFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, serviceLevelSeconds, shortCallSeconds, List.of(),
                0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The figures of a day's calls. Calls still going on (no outcome yet) are not counted.
     *
     * @param identifiedCallers distinct pseudonyms that day
     * @param repeatCallers     of those, the callers with more than one call to the line in the period so far
     */
    public static DailyFigures of(List<Call> calls, int serviceLevelSeconds, int shortCallSeconds,
                                  int identifiedCallers, int repeatCallers) {
        int offered = 0, answered = 0, abandoned = 0, shortCalls = 0, closed = 0, noListener = 0, timedOut = 0,
                overload = 0, failed = 0, queued = 0, withinTarget = 0, withheld = 0, leftDuringNotice = 0,
                transfers = 0, transfersFailed = 0, unknown = 0, heard = 0;
        long talk = 0;
        List<Integer> waits = new ArrayList<>();
        for (Call call : calls) {
            if (call.outcome() == null) {
                continue;
            }
            offered++;
            if (call.withheld()) {
                withheld++;
            }
            if (call.crisisHeard()) {
                heard++;
            }
            boolean isShort = call.counted(shortCallSeconds) == CallOutcome.SHORT_CALL;
            boolean wasQueued = call.queueEntered() || switch (call.outcome()) {
                case ANSWERED, ABANDONED, SHORT_CALL, TIMED_OUT -> true; // only a queued call can end so
                default -> false;
            };
            if (wasQueued && !isShort) {
                queued++;
            }
            switch (call.outcome()) {
                case ANSWERED -> {
                    answered++;
                    if (call.waitSeconds() != null) {
                        waits.add(call.waitSeconds());
                    }
                    if (call.waitSeconds() != null && call.waitSeconds() <= serviceLevelSeconds) {
                        withinTarget++;
                    }
                    talk += call.talkSeconds() == null ? 0 : call.talkSeconds();
                }
                case ABANDONED, SHORT_CALL -> {
                    if (isShort) {
                        shortCalls++;
                    } else {
                        abandoned++;
                    }
                }
                case LEFT_DURING_NOTICE -> leftDuringNotice++;
                case NO_LISTENER -> noListener++;
                case TIMED_OUT -> timedOut++;
                case CLOSED -> closed++;
                case OVERLOAD -> overload++;
                case FAILED -> failed++;
                case CRISIS_TRANSFER -> transfers++;
                case TRANSFER_FAILED -> transfersFailed++;
                case UNKNOWN_LINE -> unknown++;
            }
        }
        Collections.sort(waits);
        return new DailyFigures(offered, answered, abandoned, shortCalls, closed, noListener, timedOut, overload,
                failed, queued, withinTarget, serviceLevelSeconds, shortCallSeconds, waits, talk, identifiedCallers,
                repeatCallers, withheld, leftDuringNotice, transfers, transfersFailed, unknown, heard);
    }

    /** The sum of two spans (callers are counted per day: a caller on two days counts twice). */
    public DailyFigures plus(DailyFigures o) {
        List<Integer> waits = new ArrayList<>(answeredWaits);
        waits.addAll(o.answeredWaits);
        Collections.sort(waits);
        return new DailyFigures(offered + o.offered, answered + o.answered, abandoned + o.abandoned,
                shortCalls + o.shortCalls, closed + o.closed, noListener + o.noListener, timedOut + o.timedOut,
                overload + o.overload, failed + o.failed, queued + o.queued,
                answeredWithinTarget + o.answeredWithinTarget, Math.max(serviceLevelSeconds, o.serviceLevelSeconds),
                Math.max(shortCallSeconds, o.shortCallSeconds), waits, talkSeconds + o.talkSeconds,
                identifiedCallers + o.identifiedCallers, repeatCallers + o.repeatCallers, withheldCalls + o.withheldCalls,
                leftDuringNotice + o.leftDuringNotice, crisisTransfers + o.crisisTransfers,
                transfersFailed + o.transfersFailed, unknownLine + o.unknownLine, crisisHeard + o.crisisHeard);
    }

    /** The nearest-rank percentile of the answered calls' waits (p in 0..100), or null without answered calls. */
    public Integer waitPercentile(int p) {
        if (answeredWaits.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * answeredWaits.size());
        return answeredWaits.get(Math.max(0, rank - 1));
    }

    /** The mean wait of answered calls (average speed of answer), or null without answered calls. */
    public Double averageAnsweredWait() {
        return answeredWaits.isEmpty() ? null
                : answeredWaits.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    /** Share of queued calls answered within the target, or null when no call was queued. */
    public Double serviceLevel() {
        return queued == 0 ? null : (double) answeredWithinTarget / queued;
    }

    /** Share of identified callers who had called before in the period, or null without identified callers. */
    public Double repeatCallerShare() {
        return identifiedCallers == 0 ? null : (double) repeatCallers / identifiedCallers;
    }
}
