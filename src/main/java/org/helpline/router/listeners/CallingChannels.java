package org.helpline.router.listeners;

/**
 * Asterisk's word on where a feature code comes from (implemented at the AMI edge). A feature code runs on a Local
 * channel, not on the listener's phone channel; its FastAGI request names the phone channel and carries a
 * one-time secret that the dialplan set on that phone channel just before. Anyone who reaches the FastAGI port
 * can write such a request, channel name and all, but cannot read a channel's variables: before a listener is
 * logged in, out or paused, Asterisk itself must show that a live channel of exactly that name holds exactly that
 * secret now.
 */
public interface CallingChannels {

    /** Asterisk's answer. */
    enum Verdict {
        /** A live channel of that name holds that secret: the request comes from that phone, now. */
        CONFIRMED,
        /** No such channel, no secret or another one: the request is forged, malformed or stale. */
        REFUTED,
        /** Asterisk could not be asked or did not answer: nothing can be concluded. */
        UNKNOWN
    }

    /**
     * Asks Asterisk about a phone channel; waits at most the AMI response timeout, and never throws.
     *
     * @param phoneChannel the listener's phone channel as the request names it, e.g. {@code PJSIP/listener1-0000002a}
     * @param secret       the one-time secret the request carries (40 hexadecimal digits)
     */
    Verdict verify(String phoneChannel, String secret);
}
