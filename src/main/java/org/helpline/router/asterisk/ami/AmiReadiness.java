package org.helpline.router.asterisk.ami;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "AMI". By default it reports the link's state as data but stays UP while AMI is down:
 * calls still route (live state unknown, callers queued as configured), so taking the instance out of
 * service would turn callers away for no gain. {@code helpline.ami.required-for-readiness=true} makes it fail.
 * Its {@code state} says why the link is down, e.g. {@code login refused} (a wrong secret: a person must act).
 */
@Readiness
@ApplicationScoped
class AmiReadiness implements HealthCheck {

    private final AmiConnection ami;
    private final AmiConfig config;

    AmiReadiness(AmiConnection ami, AmiConfig config) {
        this.ami = ami;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = ami.connected();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("AMI")
                .status(up || !config.requiredForReadiness())
                .withData("connected", up)
                .withData("state", ami.state().words())
                .withData("enabled", config.enabled())
                .withData("address", config.host() + ":" + config.port());
        if (ami.retryAt() != null) {
            b.withData("retryAt", ami.retryAt().toString());
        }
        if (ami.since() != null) {
            b.withData("since", ami.since().toString());
        }
        return b.build();
    }
}
