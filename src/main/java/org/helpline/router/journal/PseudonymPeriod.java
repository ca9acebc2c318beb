package org.helpline.router.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;

/** Names the period an instant falls in: the span during which one caller keeps one pseudonym. */
public final class PseudonymPeriod {

    /** How long a period lasts. */
    public enum Granularity {
        /** Calendar month, e.g. {@code 2026-11} (the default). */
        MONTH,
        /** ISO week, e.g. {@code 2026-W48}. */
        WEEK,
        /** One day, e.g. {@code 2026-11-24}. */
        DAY
    }

    private PseudonymPeriod() {
    }

    /** The period's name, which is also the label its key is derived from. */
    public static String of(Instant at, ZoneId zone, Granularity granularity) {
        LocalDate date = at.atZone(zone).toLocalDate();
        return switch (granularity) {
            case MONTH -> String.format("%04d-%02d", date.getYear(), date.getMonthValue());
            case WEEK -> String.format("%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                    date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case DAY -> date.toString();
        };
    }
}
