package org.helpline.router.journal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** How caller pseudonyms are made: {@code helpline.pseudonym.*}. */
@ConfigMapping(prefix = "helpline.pseudonym")
public interface PseudonymConfig {

    /**
     * The secret every period key is derived from ({@code HELPLINE_PSEUDONYM_SECRET}). When absent, one is
     * generated at first start and kept in {@code <data dir>/pseudonym.secret}; several instances must share it.
     */
    Optional<String> secret();

    /** How long one pseudonym stays the same for a caller: MONTH, WEEK or DAY. */
    @WithDefault("MONTH")
    PseudonymPeriod.Granularity period();

    /** The zone in which periods begin and end. */
    @WithDefault("Europe/Paris")
    String zone();

    /** The country code that national numbers (0 followed by 9 digits) belong to. */
    @WithDefault("33")
    String countryCode();
}
