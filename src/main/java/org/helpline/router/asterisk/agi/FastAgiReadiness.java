package org.helpline.router.asterisk.agi;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check "FastAGI": UP only while the server accepts connections from Asterisk. */
@Readiness
@ApplicationScoped
public class FastAgiReadiness implements HealthCheck {

    private final FastAgiServer server;
    private final AgiConfig config;

    FastAgiReadiness(FastAgiServer server, AgiConfig config) {
        this.server = server;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("FastAGI")
                .status(server.listening())
                .withData("address", config.bind() + ":" + server.port())
                .withData("activeSessions", server.activeSessions())
                .build();
    }
}
