package org.helpline.router.supervision;

/** What a listener is doing, as coordinators see it. */
public enum ListenerState {
    /** In the queue, free to take a call. */
    AVAILABLE,
    /** Their phone rings for a caller. */
    RINGING,
    /** In a conversation. */
    IN_CALL,
    /** Just finished a call: no new call for the line's wrap-up time. */
    WRAP_UP,
    /** On a break (with a reason and since when). */
    PAUSED,
    /** In the queue but their phone cannot be reached. */
    UNREACHABLE,
    /** A registered listener of the line who is not in its queue. */
    LOGGED_OUT
}
