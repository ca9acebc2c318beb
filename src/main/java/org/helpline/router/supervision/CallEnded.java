package org.helpline.router.supervision;

import java.time.Instant;

/**
 * A caller's channel hung up: the end of the call and what the dialplan says the caller lived. Handed to the
 * journal on the same ordered delivery as {@link CallProgress}. Never carries a caller number.
 *
 * @param callId        the call's {@code HELPLINE_CALL_ID}
 * @param line          the line's code when the route decision reached the caller, else null
 * @param dialled       the number dialled (a line's own number), for calls the service never decided
 * @param outcome       the dialplan's {@code HELPLINE_OUTCOME}: LEFT_DURING_NOTICE, ABANDONED, ANSWERED, TIMED_OUT,
 *                      NO_LISTENER, OVERLOAD, CLOSED, UNKNOWN_LINE, FAILED, CRISIS_TRANSFER, TRANSFER_FAILED
 * @param crisisHeard   whether the caller stayed until every crisis number was said
 * @param arrivedAt     when the call arrived (the dialplan's clock), or null
 * @param endedAt       when the caller's channel hung up
 * @param waitSeconds   seconds in the queue (0 when never queued), or null when this instance did not see the wait
 * @param listenersRung distinct listeners whose phone rang for the call, or null when unknown
 * @param queue         the queue the call waited in, or null
 */
public record CallEnded(String callId, String line, String dialled, String outcome, boolean crisisHeard,
                        Instant arrivedAt, Instant endedAt, Long waitSeconds, Integer listenersRung, String queue)
        implements CallUpdate {
}
