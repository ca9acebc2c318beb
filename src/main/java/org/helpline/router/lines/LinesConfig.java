package org.helpline.router.lines;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the in-memory line view. */
@ConfigMapping(prefix = "helpline.lines")
public interface LinesConfig {

    /**
     * How often the in-memory routing view re-reads every line from the database. Changes made through this
     * instance apply at once; the reload picks up changes made through another instance.
     */
    @WithDefault("30s")
    Duration refreshInterval();
}
