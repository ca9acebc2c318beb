package org.helpline.router.asterisk.agi;

import java.time.Duration;
import java.util.List;

/**
 * {@link AgiConfig} for tests that build a FastAGI server or script by hand (no Quarkus): a small pool on
 * loopback, short deadlines; each test changes what it is about with a {@code with…} copy.
 */
record AgiSettings(int maxConnectionsPerSource, int poolSize, int queueCapacity, Duration firstLineTimeout,
                   Duration readTimeout, Duration listenerCommandTimeout, Duration stopTimeout) implements AgiConfig {

    static AgiSettings defaults() {
        return new AgiSettings(8, 2, 2, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    AgiSettings withPool(int maxPerSource, int pool, int queue) {
        return new AgiSettings(maxPerSource, pool, queue, firstLineTimeout, readTimeout, listenerCommandTimeout,
                stopTimeout);
    }

    AgiSettings withTimeouts(Duration firstLine, Duration read) {
        return new AgiSettings(maxConnectionsPerSource, poolSize, queueCapacity, firstLine, read,
                listenerCommandTimeout, stopTimeout);
    }

    AgiSettings withListenerCommandTimeout(Duration budget) {
        return new AgiSettings(maxConnectionsPerSource, poolSize, queueCapacity, firstLineTimeout, readTimeout, budget,
                stopTimeout);
    }

    AgiSettings withStopTimeout(Duration stop) {
        return new AgiSettings(maxConnectionsPerSource, poolSize, queueCapacity, firstLineTimeout, readTimeout,
                listenerCommandTimeout, stop);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String bind() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public List<String> allowedSources() {
        return List.of("127.0.0.1");
    }

    @Override
    public Duration decisionTimeout() {
        return Duration.ofMillis(300);
    }

    @Override
    public Duration channelCheckTimeout() {
        return Duration.ofSeconds(1);
    }
}
