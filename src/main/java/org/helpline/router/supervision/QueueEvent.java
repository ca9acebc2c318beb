package org.helpline.router.supervision;

import java.time.Instant;
import java.util.List;

/**
 * What the Asterisk edge reports about the queues, in domain terms. Callers are identified only by their
 * channel's unique id and the service's call id, never by number.
 */
public sealed interface QueueEvent {

    /** A caller entered a queue at a position. */
    record CallerJoined(String queue, String uniqueid, String callId, int position, Instant at) implements QueueEvent {
    }

    /** A caller hung up while waiting. */
    record CallerAbandoned(String queue, String uniqueid, String callId, long waitSeconds, Instant at) implements QueueEvent {
    }

    /** A caller left a queue: answered, abandoned (both reported separately) or timed out. */
    record CallerLeft(String queue, String uniqueid, String callId, Instant at) implements QueueEvent {
    }

    /** A member's phone rings for the caller of channel {@code uniqueid} (null when unknown). */
    record MemberRinging(String queue, String endpoint, String uniqueid, Instant at) implements QueueEvent {
    }

    /** A member answered a caller who had waited {@code waitSeconds}. */
    record MemberConnected(String queue, String endpoint, String uniqueid, String callId, long waitSeconds, Instant at)
            implements QueueEvent {
    }

    /** A member's conversation ended after {@code talkSeconds}. */
    record MemberCompleted(String queue, String endpoint, String uniqueid, String callId, long talkSeconds, Instant at)
            implements QueueEvent {
    }

    /** A member let a call ring out. */
    record MemberRingNoAnswer(String queue, String endpoint, Instant at) implements QueueEvent {
    }

    /** A member's full status (added, status change, pause change). */
    record MemberUpdated(String queue, MemberStatus member, Instant at) implements QueueEvent {
    }

    /** A member left the queue (logged out). */
    record MemberRemoved(String queue, String endpoint, Instant at) implements QueueEvent {
    }

    /**
     * A caller's channel hung up, with what the dialplan says the caller lived ({@code HELPLINE_OUTCOME}, whether
     * every crisis number was said) and, for calls the service never decided, the number dialled and when the
     * call arrived (epoch seconds from the dialplan).
     */
    record CallerHungUp(String uniqueid, String callId, String outcome, boolean crisisHeard, String line,
                        String dialled, Instant arrivedAt, Instant at) implements QueueEvent {
    }

    /** A channel variable named the service's call id for a channel (and its linked channels). */
    record CallIdentified(String uniqueid, String linkedid, String callId) implements QueueEvent {
    }

    /** A full picture of every queue after a (re)connection: replaces all live state. */
    record QueuesResynced(List<QueueStatus> queues, Instant at) implements QueueEvent {
    }

    /** The channels up at resync, for the start of calls in progress. */
    record ChannelsListed(List<ChannelStatus> channels, Instant at) implements QueueEvent {
    }

    /** The link to Asterisk is gone: live state is unknown until the next resync. */
    record LiveStateLost(Instant at) implements QueueEvent {
    }

    /** What a member's device is doing, as Asterisk sees it. */
    enum Device { FREE, IN_USE, RINGING, UNREACHABLE, UNKNOWN }

    /** A member's status as reported by Asterisk. */
    record MemberStatus(String endpoint, String name, Device device, boolean paused, String pausedReason,
                        Instant lastPause, Instant loginTime, int callsTaken) {
    }

    /** A caller waiting at resync. */
    record WaitingCaller(String uniqueid, int position, long waitSeconds) {
    }

    /** One queue at resync. */
    record QueueStatus(String queue, List<MemberStatus> members, List<WaitingCaller> callers) {
    }

    /** One channel at resync: its name, ids and age. */
    record ChannelStatus(String channel, String uniqueid, String linkedid, long durationSeconds) {
    }
}
