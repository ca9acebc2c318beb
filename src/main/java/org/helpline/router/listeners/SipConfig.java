package org.helpline.router.listeners;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Listeners' SIP accounts ({@code helpline.sip.*}): the generated PJSIP file and what softphones are told. */
@ConfigMapping(prefix = "helpline.sip")
public interface SipConfig {

    /**
     * The PJSIP file the service owns, holding only the listeners' generated accounts; {@code pjsip.conf} includes it
     * with {@code #tryinclude helpline-listeners.conf}, so it sits in Asterisk's configuration directory (in Compose, a
     * directory shared by both containers).
     */
    @WithDefault("/etc/asterisk/helpline-listeners.conf")
    Path accountsFile();

    /**
     * Digest realm of new passwords: the realm Asterisk challenges with. Each generated account states it, so it
     * must not differ from what softphones are challenged with; changing it applies to passwords set afterwards.
     */
    @WithDefault("asterisk")
    String realm();

    /** Prefix of the usernames derived from a display name ({@code ecoutant-marie}). */
    @WithDefault("ecoutant-")
    String usernamePrefix();

    /** Host name or address softphones register to; without it, the host name the API was reached by. */
    Optional<String> publicHost();

    /** SIP port softphones register to. */
    @WithDefault("5060")
    int publicPort();

    /** SIP transport softphones use: {@code udp}, {@code tcp} or {@code tls} (as Asterisk's transports offer). */
    @WithDefault("udp")
    String transport();

    /** How often the file is compared with the database even when nothing happened (other instances, hand edits). */
    @WithDefault("60s")
    Duration reconcileInterval();

    /** Longest wait of an API change for its account to be written and reloaded in Asterisk. */
    @WithDefault("10s")
    Duration applyTimeout();
}
