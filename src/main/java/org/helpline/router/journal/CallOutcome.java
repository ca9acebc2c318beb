package org.helpline.router.journal;

/** How a call ended, as the journal records it. */
public enum CallOutcome {
    /** A listener answered. */
    ANSWERED,
    /** The caller hung up while waiting in the queue. */
    ABANDONED,
    /** The line was closed: the caller heard the hours and the crisis numbers. */
    CLOSED,
    /** No listener could take the call: routed away at once, or left the queue unanswered after the maximum wait. */
    NO_LISTENER,
    /** Too many callers were waiting: the caller was sent to the overload path. */
    OVERLOAD,
    /** The dialled number matched no line. */
    UNKNOWN_LINE,
    /** The call's end is unknown: routing failed, or a queued call was never seen to end (closed by timeout). */
    FAILED;

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
