package org.helpline.router.journal;

import org.helpline.router.api.FieldErrors;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The parameters of a report, checked: an optional line code and a range of service days (both included).
 *
 * @param line null for every line
 */
public record ReportQuery(String line, LocalDate from, LocalDate to) {

    /** The longest range one report may cover, in days. */
    public static final int MAX_DAYS = 732;

    private static final Pattern LINE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*|" + DailyAggregation.UNKNOWN_LINE);

    /** Parses the query parameters, reporting every field at fault at once as a 400. */
    public static ReportQuery parse(String line, String from, String to) {
        FieldErrors errors = new FieldErrors();
        String code = null;
        if (line != null && !line.isBlank()) {
            code = line.trim();
            if (code.length() > 40 || !LINE.matcher(code).matches()) {
                errors.add("line", "must be a line code such as 'ecoute-nuit'");
                code = null;
            }
        }
        LocalDate start = date(errors, "from", from);
        LocalDate end = date(errors, "to", to);
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                errors.add("to", "must not be before from");
            } else if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                errors.add("to", "the range may cover at most " + MAX_DAYS + " days");
            }
        }
        errors.throwIfAny();
        return new ReportQuery(code, start, end);
    }

    private static LocalDate date(FieldErrors errors, String field, String value) {
        String v = errors.required(field, value);
        if (v == null) {
            return null;
        }
        try {
            return errors.inYears(field, LocalDate.parse(v), LocalDate::getYear);
        } catch (DateTimeException e) {
            errors.add(field, "must be a date YYYY-MM-DD, e.g. 2026-11-24");
            return null;
        }
    }
}
