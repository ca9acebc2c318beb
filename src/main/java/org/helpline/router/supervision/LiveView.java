package org.helpline.router.supervision;

import org.helpline.router.supervision.QueueEvent.Device;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An immutable copy of the live model at one instant: every queue's waiting callers, members and the
 * service day's counts. {@code known} is false while AMI is down or not yet resynchronised.
 */
public record LiveView(boolean known, Map<String, QueueView> queues) {

    public LiveView {
        queues = Map.copyOf(queues);
    }

    /** One queue. */
    public record QueueView(String queue, List<Caller> callers, List<Member> members, DayCounts today) {
        public QueueView {
            callers = List.copyOf(callers);
            members = List.copyOf(members);
        }
    }

    /** A waiting caller: when they joined and where they stand. Never a number. */
    public record Caller(String callId, int position, Instant joinedAt) {
    }

    /**
     * A queue member as last reported, with the service's own bookkeeping for wellbeing rules.
     * {@code ringingFor} is the channel of the caller the member's phone rings for (from {@code AgentCalled} until
     * {@code AgentConnect}, {@code AgentRingNoAnswer} or the caller leaving), since the device state alone says
     * busy from the moment the queue creates the member's channel.
     */
    public record Member(String endpoint, String name, Device device, boolean paused, String pausedReason,
                         Instant pausedSince, Instant callStartedAt, Instant lastCompletedAt,
                         int callsSinceBreak, Instant workingSince, String ringingFor) {

        /** A member whose phone is not ringing. */
        public Member(String endpoint, String name, Device device, boolean paused, String pausedReason,
                      Instant pausedSince, Instant callStartedAt, Instant lastCompletedAt,
                      int callsSinceBreak, Instant workingSince) {
            this(endpoint, name, device, paused, pausedReason, pausedSince, callStartedAt, lastCompletedAt,
                    callsSinceBreak, workingSince, null);
        }

        /** The same member, its phone ringing for {@code caller} (null: not ringing). */
        public Member ringing(String caller) {
            return new Member(endpoint, name, device, paused, pausedReason, pausedSince, callStartedAt,
                    lastCompletedAt, callsSinceBreak, workingSince, caller);
        }
    }

    /**
     * Counts of the queue's service day: calls answered (and of those, answered within the line's target),
     * abandoned and timed out; the sums of waits of every call that left the queue and of talk times.
     */
    public record DayCounts(LocalDate day, int answered, int answeredWithinTarget, int abandoned, int timedOut,
                            long waitSecondsTotal, int waitCount, long talkSecondsTotal, int talkCount) {

        public static DayCounts empty(LocalDate day) {
            return new DayCounts(day, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** Calls that left the queue: answered, abandoned or timed out. */
        public int finished() {
            return answered + abandoned + timedOut;
        }
    }
}
