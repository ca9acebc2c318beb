package org.helpline.router.platform;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * The health endpoints for everyone else: a load balancer or an orchestrator needs to know whether the service
 * is live and ready, not the addresses of AMI and FastAGI or the sessions in progress. A request that
 * {@link OperationsAccess} would let read operations data (an allowed address, or an operator account) gets
 * SmallRye Health's full answer; any other gets the same status and HTTP code with no checks listed:
 * {@code {"status":"UP"}}. SmallRye Health has no switch for this; the status is computed here by the same
 * reporter.
 */
@ApplicationScoped
public class HealthWithoutDetails {

    /** After authentication (200) and authorization (100), before the health routes. */
    private static final int PRIORITY = 50;

    private final OperationsAccess access;
    private final Instance<SmallRyeHealthReporter> reporter;

    HealthWithoutDetails(OperationsAccess access, Instance<SmallRyeHealthReporter> reporter) {
        this.access = access;
        this.reporter = reporter;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!access.isHealth(path) || access.fromAllowedSource(rc) || isOperator(rc)) {
            rc.next();
            return;
        }
        Uni<SmallRyeHealth> health = statusOf(path.substring(access.healthRoot().length()));
        if (health == null) {
            rc.next();
            return;
        }
        Context context = Vertx.currentContext();
        if (context != null) {
            health = health.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        health.subscribe().with(h -> {
            boolean down = h.isDown();
            rc.response().setStatusCode(down ? 503 : 200)
                    .putHeader("Content-Type", "application/json; charset=UTF-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(down ? "{\"status\":\"DOWN\"}" : "{\"status\":\"UP\"}");
        }, rc::fail);
    }

    /** The procedure for a health path below the root, or null for one SmallRye Health does not serve. */
    private Uni<SmallRyeHealth> statusOf(String subPath) {
        SmallRyeHealthReporter r = reporter.get();
        String p = subPath.endsWith("/") ? subPath.substring(0, subPath.length() - 1) : subPath;
        return switch (p) {
            case "" -> r.getHealthAsync();
            case "/live" -> r.getLivenessAsync();
            case "/ready" -> r.getReadinessAsync();
            case "/started" -> r.getStartupAsync();
            case "/well" -> r.getWellnessAsync();
            case "/group" -> r.getHealthGroupsAsync();
            default -> p.startsWith("/group/") ? r.getHealthGroupAsync(p.substring("/group/".length())) : null;
        };
    }

    private static boolean isOperator(RoutingContext rc) {
        if (!(rc.user() instanceof QuarkusHttpUser user)) {
            return false;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        return !identity.isAnonymous() && identity.hasRole(OperationsAccess.OPERATOR);
    }
}
