package org.helpline.router.journal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.LocalDate;

/**
 * One line's calls that started in one clock hour of the line's zone ({@code hour} 0–23, 02 meaning 02:00–02:59),
 * over a range of service days ({@code days} of them, both dates included), by outcome.
 */
public record HourRow(String line, LocalDate from, LocalDate to, int days, int hour,
                      @JsonUnwrapped CallsByOutcome calls) {

    /** The CSV header, in the order of {@link #csv()}. */
    public static final String CSV_HEADER = "line,from,to,days,hour," + CallsByOutcome.CSV_HEADER;

    /** The row as one CSV line (codes, dates and numbers only: nothing needs quoting). */
    public String csv() {
        return String.join(",", line, from.toString(), to.toString(), Integer.toString(days), Integer.toString(hour),
                calls.csv());
    }
}
