package org.helpline.router.routing;

import java.time.Instant;

/**
 * Fired (asynchronously) once the route of a call is decided. {@code callerNumber} is the raw number Asterisk
 * gave, or null when withheld: it lives in memory only, for the journal to pseudonymise at once, and must never
 * be logged, stored or sent anywhere; {@link #toString()} leaves it out.
 *
 * @param callId     the {@code HELPLINE_CALL_ID} given to the call
 * @param lineCode   the line, or null when the dialled number matched none
 * @param action     the {@code HELPLINE_ACTION} decided
 * @param queue      the queue the call is sent to, or null when it is not queued
 * @param at         when the decision was made
 */
public record CallRouted(String callId, String lineCode, String action, String queue, Instant at, String callerNumber) {

    @Override
    public String toString() {
        return "CallRouted[callId=" + callId + ", line=" + lineCode + ", action=" + action + ", queue=" + queue
                + ", at=" + at + "]";
    }
}
