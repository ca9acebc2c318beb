package org.helpline.router.journal;

import java.util.stream.IntStream;

/**
 * How many calls ended with each outcome, as the reports by hour and weekday give them (flattened into their
 * rows). {@code offered} is their sum; the other names are the daily report's. Meanings: docs/reports.md.
 */
public record CallsByOutcome(int offered, int answered, int abandoned, int shortCalls, int leftDuringNotice,
                             int closed, int noListener, int timedOut, int overload, int unknownLine, int failed,
                             int crisisTransfers, int transfersFailed) {

    /** The CSV columns, in the order of {@link #csv()}. */
    public static final String CSV_HEADER = "offered,answered,abandoned,short_calls,left_during_notice,closed,"
            + "no_listener,timed_out,overload,unknown_line,failed,crisis_transfers,transfers_failed";

    /** From counts indexed by {@link CallOutcome#ordinal()}. */
    static CallsByOutcome of(int[] byOutcome) {
        int[] n = byOutcome;
        return new CallsByOutcome(IntStream.of(n).sum(), n[CallOutcome.ANSWERED.ordinal()],
                n[CallOutcome.ABANDONED.ordinal()], n[CallOutcome.SHORT_CALL.ordinal()],
                n[CallOutcome.LEFT_DURING_NOTICE.ordinal()], n[CallOutcome.CLOSED.ordinal()],
                n[CallOutcome.NO_LISTENER.ordinal()], n[CallOutcome.TIMED_OUT.ordinal()],
                n[CallOutcome.OVERLOAD.ordinal()], n[CallOutcome.UNKNOWN_LINE.ordinal()],
                n[CallOutcome.FAILED.ordinal()], n[CallOutcome.CRISIS_TRANSFER.ordinal()],
                n[CallOutcome.TRANSFER_FAILED.ordinal()]);
    }

    /** The counts as CSV fields. */
    public String csv() {
        return IntStream.of(offered, answered, abandoned, shortCalls, leftDuringNotice, closed, noListener, timedOut,
                overload, unknownLine, failed, crisisTransfers, transfersFailed)
                .mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse("");
    }
}
