package org.helpline.router.supervision;

import java.time.LocalDate;

/**
 * A line's figures for its current service day: every figure of the daily report ({@code GET /api/reports/daily}),
 * under the report's own names, computed by the journal from the calls it recorded with the report's own function.
 * The same outcomes and the same service day as the reports, so the live view and the daily report of the day
 * always agree, field by field, on every instance and after a restart. Besides the report's figures,
 * {@code averageAnsweredWaitSeconds} is the mean wait of the day's answered calls. Definitions: docs/reports.md.
 */
public record TodayFigures(LocalDate day, int offered, int answered, int abandoned, int shortCalls, int closed,
                           int noListener, int timedOut, int overload, int failed, int queued,
                           int answeredWithinTarget, int serviceLevelSeconds, Double serviceLevel, Integer waitP50,
                           Integer waitP90, long talkSeconds, int identifiedCallers, int repeatCallers,
                           Double repeatCallerShare, int withheldCalls, int leftDuringNotice, int crisisTransfers,
                           int transfersFailed, int unknownLine, int crisisHeard, Double averageAnsweredWaitSeconds) {

    /** A day without a call yet, on a line whose service-level target is {@code serviceLevelSeconds}. */
    public static TodayFigures none(LocalDate day, int serviceLevelSeconds) {
        return new TodayFigures(day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, serviceLevelSeconds, null, null, null, 0, 0, 0,
                null, 0, 0, 0, 0, 0, 0, null);
    }
}
