package org.helpline.router.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Who reads the operations endpoints ({@code helpline.operations.*}). */
@ConfigMapping(prefix = "helpline.operations")
public interface OperationsConfig {

    /**
     * Addresses (or CIDR ranges) that read {@code /q/metrics}, {@code /q/openapi} and the health checks' details
     * without credentials (a Prometheus server, a monitoring agent). From anywhere else they need an operator
     * account; the liveness and readiness status itself stays open to all, without details.
     */
    @WithDefault("127.0.0.1,::1")
    List<String> allowedSources();
}
