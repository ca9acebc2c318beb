package org.helpline.router.accounts;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The first operator ({@code helpline.bootstrap.*}). */
@ConfigMapping(prefix = "helpline.bootstrap")
public interface BootstrapConfig {

    /**
     * {@code name:password} of the first operator, created at start-up when no account exists
     * ({@code HELPLINE_BOOTSTRAP_OPERATOR}). No default: set it once, then manage accounts through {@code /api/users}.
     */
    Optional<String> operator();
}
