package org.helpline.router.journal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * One line's calls of the service days falling on one weekday ({@code days}: how many such days the range has),
 * by outcome. A call after midnight on a night line belongs to the service day it started in, so to the evening's
 * weekday.
 */
public record WeekdayRow(String line, LocalDate from, LocalDate to, DayOfWeek weekday, int days,
                         @JsonUnwrapped CallsByOutcome calls) {

    /** The CSV header, in the order of {@link #csv()}. */
    public static final String CSV_HEADER = "line,from,to,weekday,days," + CallsByOutcome.CSV_HEADER;

    /** The row as one CSV line (codes, dates and numbers only: nothing needs quoting). */
    public String csv() {
        return String.join(",", line, from.toString(), to.toString(), weekday.name(), Integer.toString(days),
                calls.csv());
    }
}
