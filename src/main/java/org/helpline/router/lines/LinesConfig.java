package org.helpline.router.lines;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the in-memory line view. */
@ConfigMapping(prefix = "helpline.lines")
public interface LinesConfig {

    /**
     * How often the in-memory routing view re-reads every line from the database. Changes made through this
     * instance apply at once; the reload picks up changes made through another instance.
     */
    @WithDefault("30s")
    Duration refreshInterval();

    /**
     * Crisis numbers accepted besides short national numbers (2 to 6 digits, not starting with 0, such as 15,
     * 112, 3114, 119, 116117), comma-separated, exactly as the API will receive them, e.g.
     * {@code +33800235236,0972394050}. Nothing else is accepted: pressing 1 dials the number, so a premium-rate
     * ({@code 089…}) or international ({@code 00…}) number must be chosen by the operator, not by whoever holds
     * an operator account. Default: none.
     */
    Optional<List<String>> allowedCrisisNumbers();
}
