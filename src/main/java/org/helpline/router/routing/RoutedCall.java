package org.helpline.router.routing;

import java.time.Instant;

/**
 * A call once routed: the identifier it is given ({@code HELPLINE_CALL_ID}), the decision and its instant.
 */
public record RoutedCall(String callId, RouteDecision decision, Instant at) {
}
