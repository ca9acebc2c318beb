package org.helpline.router.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The RFC 9457 problem document every error response carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field,
                      List<ApiProblem.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "https://helpline-router.org/problems/";

    public static Problem of(ApiProblem p) {
        List<ApiProblem.FieldError> errors = p.fieldErrors().isEmpty() ? null : p.fieldErrors();
        String field = errors == null ? null : errors.get(0).field();
        return new Problem(TYPE_PREFIX + p.errorId(), p.title(), p.status(), p.getMessage(), field, errors);
    }
}
