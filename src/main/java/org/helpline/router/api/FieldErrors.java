package org.helpline.router.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Collects every field at fault in one request so the client learns all of them at once; parsing methods
 * return null after recording an error, and {@link #throwIfAny()} ends the request with a 400.
 */
public final class FieldErrors {

    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new ApiProblem.FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }

    /** The value, or null after recording "is required" when it is null or blank. */
    public String required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        return value.trim();
    }

    public String matching(String field, String value, Pattern pattern, String expectation) {
        String v = required(field, value);
        if (v != null && !pattern.matcher(v).matches()) {
            add(field, expectation);
            return null;
        }
        return v;
    }

    public String maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
            return null;
        }
        return value;
    }

    public LocalTime time(String field, String value) {
        return parse(field, value, LocalTime::parse, "must be a time of day HH:MM, e.g. 09:00");
    }

    public LocalDateTime localDateTime(String field, String value) {
        return parse(field, value, LocalDateTime::parse, "must be a local date-time, e.g. 2026-12-25T00:00");
    }

    public Instant instant(String field, String value) {
        return parse(field, value, Instant::parse, "must be an ISO-8601 instant, e.g. 2026-11-30T12:00:00Z");
    }

    public ZoneId zone(String field, String value) {
        String v = required(field, value);
        if (v == null) {
            return null;
        }
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            add(field, "is not a known IANA time zone, e.g. Europe/Paris");
            return null;
        }
    }

    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        String v = required(field, value);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private <T> T parse(String field, String value, Function<String, T> parser, String expectation) {
        String v = required(field, value);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (DateTimeException e) {
            add(field, expectation);
            return null;
        }
    }
}
