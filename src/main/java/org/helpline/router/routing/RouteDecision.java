package org.helpline.router.routing;

import org.helpline.router.lines.LineView;

import java.time.Instant;

/**
 * The route of one call.
 *
 * @param action      what the dialplan does
 * @param line        the line called, or null for {@link RouteAction#UNKNOWN_LINE}
 * @param nextOpening for {@link RouteAction#CLOSED}, when the line opens again (null when not within the
 *                    schedule's look-ahead, e.g. a long closure); null for every other action
 */
public record RouteDecision(RouteAction action, LineView line, Instant nextOpening) {

    /** The queue the call joins, or null when it is not queued. */
    public String queue() {
        return action == RouteAction.QUEUE ? line.queue() : null;
    }

    /** The line's code, or null when the number matched no line. */
    public String lineCode() {
        return line == null ? null : line.code();
    }
}
