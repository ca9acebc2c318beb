package org.helpline.router.asterisk.agi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

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

    /**
     * Addresses (or CIDR ranges, e.g. {@code 10.0.0.0/24}) whose connections are served: Asterisk's. Any other
     * connection is closed at once, before it can hold a worker. IP literals only, no host names.
     */
    @WithDefault("127.0.0.1,::1")
    List<String> allowedSources();

    /** Connections one source address may hold open at once; beyond it a new one is closed at once. */
    @WithDefault("64")
    int maxConnectionsPerSource();

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

    /**
     * Longest wait for the first line of the request after the connection opens. Asterisk writes its whole
     * environment at once, so a connection still silent after this is not Asterisk and is dropped, long before
     * {@link #readTimeout()}.
     */
    @WithDefault("500ms")
    Duration firstLineTimeout();

    /** Longest time a routing decision may take; past it the call takes the static safe path. */
    @WithDefault("300ms")
    Duration decisionTimeout();

    /**
     * Longest time a listener's feature code (log in, pause...) may take in all, the channel check included, before
     * it answers UNAVAILABLE. Keep it under the dialplan's {@code HELPLINE_FEATURE_SECONDS} (2 s), after which the
     * phone stops waiting for this instance.
     */
    @WithDefault("1500ms")
    Duration listenerCommandTimeout();

    /**
     * Longest wait for Asterisk's Manager Interface to confirm that a feature code comes from the listener's phone (a
     * live channel of the name the request gives, holding the request's one-time secret); without a confirmation
     * the answer is UNAVAILABLE. Part of {@link #listenerCommandTimeout()}.
     */
    @WithDefault("1s")
    Duration channelCheckTimeout();

    /** On shutdown, how long sessions in progress may take to finish before they are cut. */
    @WithDefault("5s")
    Duration stopTimeout();
}
