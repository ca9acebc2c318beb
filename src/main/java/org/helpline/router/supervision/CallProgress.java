package org.helpline.router.supervision;

import java.time.Instant;

/**
 * A step in a queued call's life as AMI reports it, handed to the journal. Never carries a caller number.
 *
 * @param callId      the call's {@code HELPLINE_CALL_ID} (from the channel variable), or null when unknown
 * @param queue       the Asterisk queue
 * @param stage       what happened
 * @param at          when it happened
 * @param listenerId  the listener's id for ANSWERED and COMPLETED, else null
 * @param waitSeconds seconds the caller waited, for ANSWERED, ABANDONED and TIMED_OUT
 * @param talkSeconds seconds of conversation, for COMPLETED
 */
public record CallProgress(String callId, String queue, Stage stage, Instant at, String listenerId,
                           Long waitSeconds, Long talkSeconds) implements CallUpdate {

    /** The steps of a queued call. */
    public enum Stage {
        /** The caller entered the queue. */
        JOINED,
        /** A listener answered. */
        ANSWERED,
        /** The caller hung up while waiting. */
        ABANDONED,
        /** The caller left the queue unanswered: maximum wait reached or no listener left; the dialplan gives the crisis message. */
        TIMED_OUT,
        /** The conversation ended. */
        COMPLETED
    }
}
