package org.helpline.router.asterisk.ami;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the service reaches Asterisk's Manager Interface ({@code helpline.ami.*}). */
@ConfigMapping(prefix = "helpline.ami")
public interface AmiConfig {

    /** Whether to connect at all; false leaves live state unknown (routing then queues as configured). */
    @WithDefault("true")
    boolean enabled();

    /** Host of Asterisk's manager interface. */
    @WithDefault("127.0.0.1")
    String host();

    /** TCP port of the manager interface ({@code manager.conf} {@code port}). */
    @WithDefault("5038")
    int port();

    /** Manager user ({@code manager.conf} section name). */
    @WithDefault("helpline")
    String username();

    /** Manager user's secret. No default: without it the login fails and live state stays unknown. */
    Optional<String> password();

    /** Longest wait for the TCP connection and the banner. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest wait for the response to an action (login, ping, queue commands, each resync list). */
    @WithDefault("5s")
    Duration responseTimeout();

    /** Interval between keep-alive {@code Ping}s; a ping unanswered within the response timeout drops the link. */
    @WithDefault("10s")
    Duration pingInterval();

    /** First wait before reconnecting; doubled after each failed attempt up to {@link #reconnectMaxDelay()}. */
    @WithDefault("250ms")
    Duration reconnectInitialDelay();

    /** Cap of the reconnect back-off, so the link is back soon after Asterisk returns. */
    @WithDefault("3s")
    Duration reconnectMaxDelay();

    /**
     * Wait after Asterisk refused the login (wrong user or secret) before trying again; doubled after each
     * refusal up to {@link #loginFailureMaxDelay()}. Minutes, not seconds: every attempt is a failed login in
     * Asterisk's security log, and only a person can fix the secret.
     */
    @WithDefault("5m")
    Duration loginFailureDelay();

    /** Cap of the wait between refused logins. */
    @WithDefault("1h")
    Duration loginFailureMaxDelay();

    /** Capacity of the queue of received events awaiting the worker; on overflow the link is resynchronised. */
    @WithDefault("10000")
    int eventQueueCapacity();

    /** Whether readiness fails while AMI is down (default: reported as data only, calls still route). */
    @WithDefault("false")
    boolean requiredForReadiness();
}
