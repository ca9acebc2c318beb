package org.helpline.router.journal;

/**
 * How a call ended, as the journal records it: what the caller lived. The final word comes from the dialplan
 * ({@code HELPLINE_OUTCOME} on the caller's Hangup event); route decisions and queue events give a provisional
 * outcome until then. Exact meanings: docs/privacy.md.
 */
public enum CallOutcome {
    /** A listener answered. */
    ANSWERED,
    /** The caller hung up while waiting in the queue, after the short-call threshold. */
    ABANDONED,
    /** The caller hung up within the short-call threshold of entering the queue. */
    SHORT_CALL,
    /** The caller hung up on an open line before reaching the queue (during the notice). */
    LEFT_DURING_NOTICE,
    /** The line was closed: the caller heard the notice, when it reopens and the crisis numbers. */
    CLOSED,
    /** Nobody could take the call: nobody logged in, or the queue emptied under the caller after ring-outs. */
    NO_LISTENER,
    /** The line's maximum wait was reached in the queue. */
    TIMED_OUT,
    /** Too many callers were waiting, or the wait would have been too long. */
    OVERLOAD,
    /** The dialled number matched no line. */
    UNKNOWN_LINE,
    /** No decision came (the dialplan's safe path), or a call was never seen to end (closed by the sweep). */
    FAILED,
    /** The caller pressed 1 and the crisis line answered. */
    CRISIS_TRANSFER,
    /** The caller pressed 1 and the network refused the transfer: they heard the numbers again. */
    TRANSFER_FAILED;

    /**
     * The dialplan's {@code HELPLINE_OUTCOME}; an abandon within {@code shortCallSeconds} of entering the queue
     * is a short call. Anything unknown is FAILED.
     */
    static CallOutcome ofDialplan(String outcome, Long waitSeconds, int shortCallSeconds) {
        if (outcome == null) {
            return FAILED;
        }
        try {
            CallOutcome o = valueOf(outcome.trim());
            return o == ABANDONED && waitSeconds != null && waitSeconds < shortCallSeconds ? SHORT_CALL : o;
        } catch (IllegalArgumentException e) {
            return FAILED;
        }
    }

    /** The outcome a route decision settles at once, or null when the call goes on to a queue. */
    static CallOutcome ofRouteAction(String action) {
        if (action == null) {
            return FAILED;
        }
        return switch (action) {
            case "QUEUE" -> null;
            case "CLOSED" -> CLOSED;
            case "NO_LISTENER" -> NO_LISTENER;
            case "OVERLOAD" -> OVERLOAD;
            case "UNKNOWN_LINE" -> UNKNOWN_LINE;
            default -> FAILED;
        };
    }
}
