package org.helpline.router.schedule;

/** Why a line is open or closed at an instant. */
public enum StatusReason {
    WEEKLY_HOURS,
    OUTSIDE_HOURS,
    CLOSURE,
    SPECIAL_OPENING,
    OVERRIDE
}
