package org.helpline.router.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the API's accounts ({@code helpline.accounts.*}). */
@ConfigMapping(prefix = "helpline.accounts")
public interface AccountsConfig {

    /** bcrypt cost factor (log2 rounds) for new password hashes. */
    @WithDefault("12")
    int bcryptCost();

    /** Shortest password accepted. */
    @WithDefault("12")
    int minPasswordLength();

    /**
     * While PostgreSQL is unreachable, an account that logged in successfully within this time keeps its access
     * (checked against an in-memory salted digest), so coordinators keep the live view. {@code 0s} disables it.
     */
    @WithDefault("8h")
    java.time.Duration outageLoginTtl();
}
