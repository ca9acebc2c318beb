package org.helpline.router.platform;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP security policy {@value #NAME} of every path under {@code /q/} (application.properties maps it):
 * requests from {@code helpline.operations.allowed-sources} pass as they are; others need an operator account
 * (anonymous ones get a 401 challenge, other roles a 403). Health paths always pass: {@link HealthWithoutDetails}
 * answers them with the bare status unless the same rule allows the details.
 */
@ApplicationScoped
public class OperationsAccess implements HttpSecurityPolicy {

    public static final String NAME = "operations";
    static final String OPERATOR = "operator";

    private final AddressAllowList allowed;
    private final String healthRoot;

    OperationsAccess(OperationsConfig config,
                     @ConfigProperty(name = "quarkus.smallrye-health.root-path", defaultValue = "/q/health") String healthRoot) {
        try {
            this.allowed = AddressAllowList.of(config.allowedSources());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("helpline.operations.allowed-sources: " + e.getMessage(), e);
        }
        this.healthRoot = healthRoot.endsWith("/") ? healthRoot.substring(0, healthRoot.length() - 1) : healthRoot;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                                            AuthorizationRequestContext context) {
        if (isHealth(request.normalizedPath()) || fromAllowedSource(request)) {
            return CheckResult.permit();
        }
        return identity.map(id -> !id.isAnonymous() && id.hasRole(OPERATOR) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    /** Whether the request comes from an address that reads operations data without credentials. */
    boolean fromAllowedSource(RoutingContext request) {
        return request.request().remoteAddress() != null
                && allowed.allows(request.request().remoteAddress().hostAddress());
    }

    boolean isHealth(String path) {
        return path != null && (path.equals(healthRoot) || path.startsWith(healthRoot + "/"));
    }

    String healthRoot() {
        return healthRoot;
    }
}
