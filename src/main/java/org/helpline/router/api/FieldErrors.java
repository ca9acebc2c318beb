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

    /** Dates and instants the API accepts lie in these years: anything else is a typo or an attack. */
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2200;
    private static final Instant FIRST_INSTANT = Instant.parse(MIN_YEAR + "-01-01T00:00:00Z");
    private static final Instant END_INSTANT = Instant.parse((MAX_YEAR + 1) + "-01-01T00:00:00Z");
    /** The one zone accepted that is not an {@code Area/Location} region name. */
    public static final String UTC = "UTC";

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
        return inYears(field, parse(field, value, LocalDateTime::parse, "must be a local date-time, e.g. 2026-12-25T00:00"),
                LocalDateTime::getYear);
    }

    public Instant instant(String field, String value) {
        // Compared as instants: an instant far past year 999999999 has no year of its own in java.time.
        return inYears(field, parse(field, value, Instant::parse, "must be an ISO-8601 instant, e.g. 2026-11-30T12:00:00Z"),
                i -> i.isBefore(FIRST_INSTANT) ? MIN_YEAR - 1 : i.isBefore(END_INSTANT) ? MIN_YEAR : MAX_YEAR + 1);
    }

    /** The value, or null after recording an error when its year lies outside {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
    public <T> T inYears(String field, T value, java.util.function.ToIntFunction<T> year) {
        if (value != null && (year.applyAsInt(value) < MIN_YEAR || year.applyAsInt(value) > MAX_YEAR)) {
            add(field, "must lie between the years " + MIN_YEAR + " and " + MAX_YEAR);
            return null;
        }
        return value;
    }

    /**
     * An IANA region zone ({@code Area/Location}, e.g. {@code Europe/Paris}), or {@code UTC}. Offsets and their
     * disguises ({@code UTC+01:00}, {@code GMT+1}, {@code Etc/GMT-1}, whose sign POSIX reads backwards) and
     * abbreviations ({@code CET}, {@code EST}) are refused: a line's hours follow a place's rules, DST included.
     */
    public ZoneId zone(String field, String value) {
        String v = required(field, value);
        if (v == null) {
            return null;
        }
        if (!v.equals(UTC) && (!v.contains("/") || v.startsWith("Etc/") || v.startsWith("SystemV/")
                || !ZoneId.getAvailableZoneIds().contains(v))) {
            add(field, "must be an IANA region time zone such as Europe/Paris (or UTC); offsets such as UTC+01:00 "
                    + "or Etc/GMT-1 are not accepted");
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
