package org.helpline.router.asterisk.agi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The FastAGI server Asterisk asks how to route each call ({@code helpline.agi.*}). */
@ConfigMapping(prefix = "helpline.agi")
public interface AgiConfig {

    /** Whether the FastAGI server starts with the service. */
    @WithDefault("true")
    boolean enabled();

    /** Address the server listens on: loopback, or the private address Asterisk reaches the service at. */
    @WithDefault("127.0.0.1")
    String bind();

    /** TCP port (Asterisk's FastAGI default is 4573); 0 picks a free port (tests). */
    @WithDefault("4573")
    int port();

    /** Sessions handled at once; each holds a thread for a few milliseconds. */
    @WithDefault("16")
    int poolSize();

    /**
     * Sessions accepted and waiting for a free worker. Beyond this the server closes the connection at once,
     * which sends the call down the dialplan's static safe path instead of leaving the caller in silence.
     */
    @WithDefault("64")
    int queueCapacity();

    /**
     * Longest wait for Asterisk's side: the whole {@code agi_} environment up to its blank line, then each reply.
     * A client that stays silent longer is dropped.
     */
    @WithDefault("2s")
    Duration readTimeout();

    /** Longest time a routing decision may take; past it the call takes the static safe path. */
    @WithDefault("300ms")
    Duration decisionTimeout();

    /** Longest time a listener's feature code (log in, pause...) may take before it answers UNAVAILABLE. */
    @WithDefault("3s")
    Duration listenerCommandTimeout();

    /** On shutdown, how long sessions in progress may take to finish before they are cut. */
    @WithDefault("5s")
    Duration stopTimeout();
}
