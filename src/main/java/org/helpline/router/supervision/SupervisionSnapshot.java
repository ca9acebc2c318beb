package org.helpline.router.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What coordinators see: every line's queue at one instant. {@code liveStateKnown} is false while AMI is
 * down or not yet resynchronised; the lines' live figures are then empty.
 */
public record SupervisionSnapshot(Instant at, boolean liveStateKnown, List<LineSnapshot> lines) {

    /**
     * One line: its callers, listeners and today's figures; {@code timeZone} is the line's IANA zone. Today's
     * figures ({@code today}, and the shortcuts {@code answered}, {@code abandoned}, {@code timedOut},
     * {@code serviceLevel}, {@code averageWaitSeconds} = mean wait of answered calls) come from the journal, with
     * the reports' definitions.
     */
    public record LineSnapshot(String line, String name, String queue, String timeZone, LocalDate serviceDay,
                               Instant serviceDayStartedAt,
                               int callersWaiting, long longestWaitSeconds, Double averageWaitSeconds,
                               int answered, int abandoned, int timedOut, Double serviceLevel,
                               int serviceLevelSeconds, Map<ListenerState, Integer> listenersByState,
                               List<CallerSnapshot> callers, List<ListenerSnapshot> listeners, List<String> warnings,
                               TodayFigures today) {
    }

    /** A waiting caller: position and wait, never a number. */
    public record CallerSnapshot(int position, Instant joinedAt, long waitSeconds) {
    }

    /**
     * A listener: {@code since} is when the current pause, call or wrap-up began; {@code breakDue} is the
     * wellbeing warning.
     */
    public record ListenerSnapshot(Long listenerId, String name, String endpoint, ListenerState state,
                                   String pausedReason, Instant since, int callsSinceBreak, boolean breakDue) {
    }
}
