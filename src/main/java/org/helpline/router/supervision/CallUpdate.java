package org.helpline.router.supervision;

/** What the live model tells the rest of the service about a call: a step in the queue, or its end. */
public sealed interface CallUpdate permits CallProgress, CallEnded {
}
