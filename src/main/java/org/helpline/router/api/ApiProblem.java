package org.helpline.router.api;

import java.time.Duration;
import java.util.List;

/**
 * A typed error the API reports as {@code application/problem+json}: an HTTP status, a stable error id
 * (the last segment of the problem {@code type}), a human-readable detail and, for bad input, the fields at fault.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String errorId;
    private final String title;
    private final List<FieldError> fieldErrors;
    private final Duration retryAfter;

    public ApiProblem(int status, String errorId, String title, String detail, List<FieldError> fieldErrors) {
        this(status, errorId, title, detail, fieldErrors, null);
    }

    private ApiProblem(int status, String errorId, String title, String detail, List<FieldError> fieldErrors,
                       Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.errorId = errorId;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
    }

    /** 400: one field of the request is wrong. */
    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(400, "invalid-input", "Invalid input", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /** 400: several fields are wrong. */
    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.isEmpty() ? "Invalid input" : errors.get(0).field() + ": " + errors.get(0).message();
        return new ApiProblem(400, "invalid-input", "Invalid input", detail, errors);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "not-found", "Not found", what + " does not exist", List.of());
    }

    public static ApiProblem conflict(String field, String message) {
        return new ApiProblem(409, "conflict", "Conflict", message, List.of(new FieldError(field, message)));
    }

    /** 413: a body (or a field) is larger than the service accepts. */
    public static ApiProblem tooLarge(String field, String message) {
        return new ApiProblem(413, "payload-too-large", "Payload too large", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /** 503: a system the request needs (Asterisk, the database) cannot be reached now. */
    public static ApiProblem unavailable(String errorId, String detail) {
        return new ApiProblem(503, errorId, "Service unavailable", detail, List.of());
    }

    /** 503 with {@code Retry-After}: the service is too busy for this now (e.g. password checks queued). */
    public static ApiProblem unavailable(String errorId, String detail, Duration retryAfter) {
        return new ApiProblem(503, errorId, "Service unavailable", detail, List.of(), retryAfter);
    }

    /** 429 with {@code Retry-After}: this client asked too often (failed logins, open streams). */
    public static ApiProblem tooManyRequests(String errorId, String detail, Duration retryAfter) {
        return new ApiProblem(429, errorId, "Too many requests", detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String errorId() {
        return errorId;
    }

    public String title() {
        return title;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Whole seconds for a {@code Retry-After} header (at least 1), or null when the problem sets none. */
    public String retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }

    /** One field at fault: its JSON path ({@code periods[1].from}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
