package org.helpline.router.routing;

import java.util.Optional;

/**
 * The live state of the queues, as far as routing is concerned. Empty means unknown (no AMI connection, or
 * not yet resynchronised): routing then queues the call as configured rather than turning callers away.
 */
public interface QueueAvailability {

    Optional<QueueLoad> load(String queue);
}
