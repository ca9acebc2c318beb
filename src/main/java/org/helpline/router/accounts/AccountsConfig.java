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
}
