package org.helpline.router.supervision;

import java.time.LocalDate;

/**
 * A line's figures for its current service day, computed by the journal from the calls it recorded: the same
 * outcomes and the same service day as the reports, so the live view and the daily report always agree, on every
 * instance and after a restart. Definitions: docs/privacy.md.
 */
public record TodayFigures(LocalDate day, int offered, int answered, int abandoned, int shortCalls,
                           int leftDuringNotice, int closed, int noListener, int timedOut, int overload, int failed,
                           int crisisTransfers, int queued, int answeredWithinTarget, Double serviceLevel,
                           Double averageAnsweredWaitSeconds) {

    public static TodayFigures none(LocalDate day) {
        return new TodayFigures(day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
    }
}
