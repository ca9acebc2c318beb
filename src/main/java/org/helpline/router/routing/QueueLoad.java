package org.helpline.router.routing;

import java.time.Duration;

/**
 * What routing needs to know of a queue's live state: listeners logged in and free, callers waiting, and an
 * estimate of the wait a new caller would face.
 */
public record QueueLoad(int listenersLoggedIn, int listenersAvailable, int callersWaiting, Duration estimatedWait) {
}
