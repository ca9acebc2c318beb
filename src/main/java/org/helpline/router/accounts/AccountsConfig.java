package org.helpline.router.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the API's accounts. */
@ConfigMapping(prefix = "helpline")
public interface AccountsConfig {

    /**
     * {@code name:password} of the first operator, created at start-up when no account exists
     * ({@code HELPLINE_BOOTSTRAP_OPERATOR}). No default: set it once, then manage accounts through {@code /api/users}.
     */
    Bootstrap bootstrap();

    /** Password hashing. */
    Accounts accounts();

    /** {@code helpline.bootstrap.*}. */
    interface Bootstrap {
        /** {@code name:password} of the first operator. */
        Optional<String> operator();
    }

    /** {@code helpline.accounts.*}. */
    interface Accounts {
        /** bcrypt cost factor (log2 rounds) for new password hashes. */
        @WithDefault("12")
        int bcryptCost();

        /** Shortest password accepted. */
        @WithDefault("12")
        int minPasswordLength();
    }
}
