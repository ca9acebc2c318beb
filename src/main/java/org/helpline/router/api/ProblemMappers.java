package org.helpline.router.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The one place errors become HTTP responses: typed {@link ApiProblem}s, malformed JSON, bean-validation
 * failures and JAX-RS errors all turn into {@code application/problem+json}. Nothing echoes an exception
 * class or a stack trace to the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem) {
        return respond(problem);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = jsonPath(mapping.getPath());
        }
        String message = e instanceof ApiJson.RefusedText ? TextInput.REFUSED
                : e instanceof JsonMappingException ? "has the wrong type or format" : "is not valid JSON";
        return respond(ApiProblem.invalid(field, message));
    }

    /** Quarkus has its own mapper for this subtype (wrong type of a value); ours must win. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e) {
        return badJson(e);
    }

    /**
     * A signed-in account whose roles do not allow the request: a problem naming the role it needs, so a
     * client (the console) can show why. Unauthenticated requests stay a bare 401 with the Basic challenge.
     */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, ResourceInfo resource) {
        RolesAllowed allowed = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null && resource != null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        String detail = allowed == null || allowed.value().length == 0
                ? "Your account's role does not allow this action"
                : "Your account's role does not allow this action; it needs the role "
                        + String.join(" or ", allowed.value());
        return respond(new ApiProblem(403, "forbidden", "Forbidden", detail, List.of()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ApiProblem.FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::fieldError)
                .sorted(java.util.Comparator.comparing(ApiProblem.FieldError::field))
                .toList();
        return respond(ApiProblem.invalid(errors));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 401 || status == 403) {
            return e.getResponse();
        }
        String id = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        return respond(new ApiProblem(status, id, title, title, List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof WebApplicationException w) {
            return webApplication(w);
        }
        String dataError = dataError(e);
        if (dataError != null) {
            // The client's value, not the service, is at fault: one line, no stack trace, no value.
            LOG.infof("Request refused by the database as invalid data (SQL state %s)", dataError);
            return respond(ApiProblem.invalid("body", "holds a value the database cannot store (too long, out of "
                    + "range or with characters it refuses)"));
        }
        if (databaseUnreachable(e)) {
            LOG.warnf("Database unreachable while handling a request: %s", e.getMessage());
            return respond(ApiProblem.unavailable("database-unavailable",
                    "The database cannot be reached now; nothing was changed. Try again shortly"));
        }
        LOG.error("Unexpected error while handling a request", e);
        return respond(new ApiProblem(500, "internal-error", "Internal error",
                "The request could not be completed; it has been logged", List.of()));
    }

    private static Response respond(ApiProblem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(problem));
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }

    /**
     * A connection failure anywhere in the cause chain: SQL state class 08 (connection exception), 57P01–57P03
     * (server shutting down or starting), or a connection-pool time-out.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The SQL state of a data exception (class 22: 22001 too long, 22021 NUL byte, 22008 date out of range...). */
    static String dataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static ApiProblem.FieldError fieldError(ConstraintViolation<?> v) {
        // Property paths look like "create.request.periods[0].from": drop the method and parameter names.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        return new ApiProblem.FieldError(field, v.getMessage());
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
