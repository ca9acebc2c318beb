package org.helpline.router.routing;

/** What the dialplan does with a call: the value of {@code HELPLINE_ACTION}. */
public enum RouteAction {
    /** The line is open and listeners can take the call: notice, then the queue. */
    QUEUE,
    /** The line is closed: closed message, next opening, crisis numbers. */
    CLOSED,
    /** The line is open but no listener is logged in: crisis numbers. */
    NO_LISTENER,
    /** Too many callers already wait, or the wait would exceed the line's maximum: crisis numbers. */
    OVERLOAD,
    /** The dialled number matches no line: notice and the default crisis numbers. */
    UNKNOWN_LINE
}
