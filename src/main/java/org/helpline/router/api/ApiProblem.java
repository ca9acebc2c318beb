package org.helpline.router.api;

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

    public ApiProblem(int status, String errorId, String title, String detail, List<FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.errorId = errorId;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
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

    /** One field at fault: its JSON path ({@code periods[1].from}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
