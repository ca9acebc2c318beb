package org.helpline.router.listeners;

/**
 * What a listener's softphone feature codes ask for (AGI script {@code listener}): log in, log out, pause or
 * resume, identified by the SIP endpoint the call comes from (e.g. {@code PJSIP/listener1}).
 */
public interface ListenerCommands {

    /** The feature-code commands. */
    enum Command { LOGIN, LOGOUT, PAUSE, RESUME }

    /** The outcome, set by the AGI script as {@code HELPLINE_LISTENER_RESULT} for the dialplan's confirmation prompt. */
    enum Result { OK, UNKNOWN_LISTENER, NOT_ALLOWED, UNAVAILABLE }

    /**
     * Carries out a feature code.
     *
     * @param endpoint the caller's channel technology and endpoint, e.g. {@code PJSIP/listener1}
     * @param command  what was asked
     * @param reason   the pause reason, or null
     */
    Result onFeatureCode(String endpoint, Command command, String reason);
}
