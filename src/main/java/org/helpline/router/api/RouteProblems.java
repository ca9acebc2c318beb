package org.helpline.router.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CompletionException;

/**
 * The same problem documents as {@link ProblemMappers} for an {@link ApiProblem} raised before a request reaches
 * a resource — during authentication (a login refused for too many failures, password checks saturated) — where
 * JAX-RS mappers do not run. Any other failure is left to Quarkus.
 */
@ApplicationScoped
public class RouteProblems {

    private final ObjectMapper json;

    RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        // Ahead of every other failure handler, Quarkus' default error page included.
        router.route().order(Integer.MIN_VALUE + 10).failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (!(failure instanceof ApiProblem problem) || rc.response().ended()) {
            rc.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(Problem.of(problem));
        } catch (JsonProcessingException e) {
            rc.next();
            return;
        }
        rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (problem.retryAfterSeconds() != null) {
            rc.response().putHeader("Retry-After", problem.retryAfterSeconds());
        }
        rc.response().end(body);
    }
}
