package org.helpline.router.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * A weekly opening period starting on {@code day} at {@code from}. When {@code to} is not after
 * {@code from} the period runs past midnight into the next day (20:00–02:00); {@code from == to} is a
 * full 24 hours. {@code from} is inclusive, {@code to} exclusive.
 */
public record WeeklyPeriod(DayOfWeek day, LocalTime from, LocalTime to) {

    public boolean overnight() {
        return !to.isAfter(from);
    }

    /** Minutes since Monday 00:00 covered by this period, as [start, end) with end possibly past the week. */
    int weekStartMinute() {
        return (day.getValue() - 1) * 1440 + from.getHour() * 60 + from.getMinute();
    }

    int weekEndMinute() {
        int start = weekStartMinute();
        int length = (int) java.time.Duration.between(from, to).toMinutes();
        if (length <= 0) {
            length += 1440;
        }
        return start + length;
    }

    /** True when both periods cover a common minute of the week (wrapping around Sunday night). */
    public boolean overlaps(WeeklyPeriod other) {
        int week = 7 * 1440;
        for (int shift : new int[] {-week, 0, week}) {
            int s = other.weekStartMinute() + shift;
            int e = other.weekEndMinute() + shift;
            if (s < weekEndMinute() && weekStartMinute() < e) {
                return true;
            }
        }
        return false;
    }
}
