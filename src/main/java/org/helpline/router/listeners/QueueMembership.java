package org.helpline.router.listeners;

/**
 * Queue membership commands carried out by Asterisk (implemented at the AMI edge). Each method waits for
 * Asterisk's answer within the AMI response timeout.
 */
public interface QueueMembership {

    /** Adds a member to a queue; already being there counts as success. */
    void add(String queue, String endpoint, String memberName);

    /** Removes a member from a queue; not being there counts as success. */
    void remove(String queue, String endpoint);

    /** Pauses a member in a queue with a reason. */
    void pause(String queue, String endpoint, String reason);

    /** Ends a member's pause in a queue. */
    void resume(String queue, String endpoint);

    /** The queues Asterisk now has this interface in (whatever lines it served when it logged in). */
    java.util.List<String> queuesOf(String endpoint);

    /** Asterisk cannot be reached now. */
    class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** Asterisk refused the command (e.g. the member is not in the queue, or is static). */
    class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
