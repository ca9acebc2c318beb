package org.helpline.router.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Several instances of the service side by side ({@code helpline.instance.*}). */
@ConfigMapping(prefix = "helpline.instance")
public interface InstanceConfig {

    /**
     * How often an instance checks who holds the duties that must run on one instance at a time (listener pauses
     * and rests, the journal's purge and aggregation): a duty left by an instance that died moves to another
     * within about this long. A check gives up on a database that does not answer after twice this, and at least
     * 5 s.
     */
    @WithDefault("2s")
    Duration dutyCheckInterval();
}
