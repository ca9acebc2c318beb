package org.helpline.router.lines;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A line's service and wellbeing rules: the waiting limit routing enforces, the service-level target
 * supervision measures, and the rest listeners are given.
 */
@Embeddable
public class LineRules {

    /** Callers waiting at or above this count send new callers to the overload path. */
    @Column(name = "max_waiting_callers", nullable = false)
    public int maxWaitingCallers = 10;

    /** A call answered within this many seconds counts toward the service level. */
    @Column(name = "service_level_seconds", nullable = false)
    public int serviceLevelSeconds = 30;

    /** Wrap-up time after each call, during which a listener gets no new call. */
    @Column(name = "wrap_up_seconds", nullable = false)
    public int wrapUpSeconds = 30;

    /** A call at least this long earns the listener a longer rest. */
    @Column(name = "long_call_minutes", nullable = false)
    public int longCallMinutes = 45;

    /** The rest after a long call, in seconds. */
    @Column(name = "rest_after_long_call_seconds", nullable = false)
    public int restAfterLongCallSeconds = 300;

    /** Coordinators are warned when a listener has gone this many minutes without a pause. */
    @Column(name = "break_reminder_minutes", nullable = false)
    public int breakReminderMinutes = 120;

    /** ... or this many calls without a pause. */
    @Column(name = "break_reminder_calls", nullable = false)
    public int breakReminderCalls = 8;

    /** The rules as an immutable value for the live view. */
    public Rules toValue() {
        return new Rules(maxWaitingCallers, serviceLevelSeconds, wrapUpSeconds, longCallMinutes,
                restAfterLongCallSeconds, breakReminderMinutes, breakReminderCalls);
    }

    /** Immutable copy of the rules. */
    public record Rules(int maxWaitingCallers, int serviceLevelSeconds, int wrapUpSeconds, int longCallMinutes,
                        int restAfterLongCallSeconds, int breakReminderMinutes, int breakReminderCalls) {
    }
}
