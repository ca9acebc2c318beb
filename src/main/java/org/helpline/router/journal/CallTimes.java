package org.helpline.router.journal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * One line's calls over a range of service days, by weekday of the service day, local clock hour of the call's
 * start and counted outcome; with the sums the reports by hour and by weekday read from it. Pure.
 */
final class CallTimes {

    private final int[][][] counts = new int[7][24][CallOutcome.values().length];

    void add(DayOfWeek weekday, int hour, CallOutcome outcome, int calls) {
        counts[weekday.ordinal()][hour][outcome.ordinal()] += calls;
    }

    /** The calls of one weekday's hour. */
    CallsByOutcome at(DayOfWeek weekday, int hour) {
        return CallsByOutcome.of(counts[weekday.ordinal()][hour]);
    }

    /** The calls of an hour, every weekday together. */
    CallsByOutcome atHour(int hour) {
        int[] sum = new int[CallOutcome.values().length];
        for (int[][] day : counts) {
            add(sum, day[hour]);
        }
        return CallsByOutcome.of(sum);
    }

    /** The calls of a weekday, every hour together. */
    CallsByOutcome on(DayOfWeek weekday) {
        int[] sum = new int[CallOutcome.values().length];
        for (int[] hour : counts[weekday.ordinal()]) {
            add(sum, hour);
        }
        return CallsByOutcome.of(sum);
    }

    /** How many times each weekday occurs between two dates, both included. */
    static Map<DayOfWeek, Integer> weekdaysBetween(LocalDate from, LocalDate to) {
        Map<DayOfWeek, Integer> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, 0);
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.merge(d.getDayOfWeek(), 1, Integer::sum);
        }
        return days;
    }

    private static void add(int[] sum, int[] more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
    }
}
