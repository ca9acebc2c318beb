package org.helpline.router.journal;

import java.time.LocalDate;

/**
 * One row of a report: a line's figures over a day or a week (both dates included). Ratios are between 0 and
 * 1 and null when their denominator is zero; waits are in seconds.
 */
public record ReportRow(String line, LocalDate from, LocalDate to, int offered, int answered, int abandoned,
                        int shortCalls, int closed, int noListener, int timedOut, int overload, int failed,
                        int queued, int answeredWithinTarget, int serviceLevelSeconds, Double serviceLevel,
                        Integer waitP50, Integer waitP90, long talkSeconds, int identifiedCallers,
                        int repeatCallers, Double repeatCallerShare, int withheldCalls, int leftDuringNotice,
                        int crisisTransfers, int transfersFailed, int unknownLine, int crisisHeard) {

    /** The CSV header, in the order of {@link #csv()}. */
    public static final String CSV_HEADER = "line,from,to,offered,answered,abandoned,short_calls,closed,no_listener,"
            + "timed_out,overload,failed,queued,answered_within_target,service_level_seconds,service_level,"
            + "wait_p50,wait_p90,talk_seconds,identified_callers,repeat_callers,repeat_caller_share,withheld_calls,"
            + "left_during_notice,crisis_transfers,transfers_failed,unknown_line,crisis_heard";

    static ReportRow of(String line, LocalDate from, LocalDate to, DailyFigures f) {
        return new ReportRow(line, from, to, f.offered(), f.answered(), f.abandoned(), f.shortCalls(), f.closed(),
                f.noListener(), f.timedOut(), f.overload(), f.failed(), f.queued(), f.answeredWithinTarget(),
                f.serviceLevelSeconds(), round(f.serviceLevel()), f.waitPercentile(50), f.waitPercentile(90),
                f.talkSeconds(), f.identifiedCallers(), f.repeatCallers(), round(f.repeatCallerShare()),
                f.withheldCalls(), f.leftDuringNotice(), f.crisisTransfers(), f.transfersFailed(), f.unknownLine(),
                f.crisisHeard());
    }

    /** The row as one CSV line (no field needs quoting: codes, dates and numbers only). */
    public String csv() {
        return String.join(",", line, from.toString(), to.toString(), str(offered), str(answered), str(abandoned),
                str(shortCalls), str(closed), str(noListener), str(timedOut), str(overload), str(failed), str(queued),
                str(answeredWithinTarget), str(serviceLevelSeconds), str(serviceLevel), str(waitP50), str(waitP90),
                str(talkSeconds), str(identifiedCallers), str(repeatCallers), str(repeatCallerShare),
                str(withheldCalls), str(leftDuringNotice), str(crisisTransfers), str(transfersFailed), str(unknownLine),
                str(crisisHeard));
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Double round(Double ratio) {
        return ratio == null ? null : Math.round(ratio * 10000) / 10000.0;
    }
}
