package org.helpline.router.journal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * One cell of the weekday × hour heatmap: a line's calls of the service days falling on {@code weekday}
 * ({@code days} of them in the range) that started in clock hour {@code hour} of the line's zone, by outcome.
 * SATURDAY at hour 1 is the small hours after Saturday evening, which belong to Saturday's service day.
 */
public record HeatmapRow(String line, LocalDate from, LocalDate to, DayOfWeek weekday, int hour, int days,
                         @JsonUnwrapped CallsByOutcome calls) {

    /** The CSV header, in the order of {@link #csv()}. */
    public static final String CSV_HEADER = "line,from,to,weekday,hour,days," + CallsByOutcome.CSV_HEADER;

    /** The row as one CSV line (codes, dates and numbers only: nothing needs quoting). */
    public String csv() {
        return String.join(",", line, from.toString(), to.toString(), weekday.name(), Integer.toString(hour),
                Integer.toString(days), calls.csv());
    }
}
