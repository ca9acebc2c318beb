package org.helpline.router.listeners;

/**
 * Asterisk's word on where a feature code comes from (implemented at the AMI edge). The FastAGI request names its
 * channel ({@code agi_channel}) and unique id ({@code agi_uniqueid}), but anyone who reaches the FastAGI port
 * can write those: before a listener is logged in, out or paused, Asterisk itself must confirm that a live
 * channel with exactly that name and unique id exists and is running the {@code listener} script now.
 */
public interface CallingChannels {

    /** Asterisk's answer. */
    enum Verdict {
        /** Such a channel is live and running the listener script: the request is genuine. */
        CONFIRMED,
        /** No such channel, another unique id, or not in the listener script: the request is forged or stale. */
        REFUTED,
        /** Asterisk could not be asked or did not answer: nothing can be concluded. */
        UNKNOWN
    }

    /**
     * Asks Asterisk about a channel; waits at most the AMI response timeout, and never throws.
     *
     * @param channel  the channel as the request names it, e.g. {@code PJSIP/listener1-0000002a}
     * @param uniqueId its unique id as the request gives it, e.g. {@code 1795418126.8}
     */
    Verdict verify(String channel, String uniqueId);
}
