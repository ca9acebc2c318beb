package org.helpline.router.supervision;

import org.helpline.router.lines.LineView;
import org.helpline.router.listeners.ListenerView;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Builds the coordinators' snapshot from the live model, the lines and the listeners. Pure. */
final class SnapshotBuilder {

    private SnapshotBuilder() {
    }

    static SupervisionSnapshot build(LiveView live, List<LineView> lines, Function<String, List<ListenerView>> listenersOfLine,
                                     Function<String, Optional<ListenerView>> byEndpoint,
                                     Function<String, Optional<TodayFigures>> todayOf, LocalTime dayStart, Instant now) {
        List<SupervisionSnapshot.LineSnapshot> out = lines.stream().sorted(Comparator.comparing(LineView::code))
                .map(l -> line(live, l, listenersOfLine.apply(l.code()), byEndpoint, todayOf, dayStart, now)).toList();
        return new SupervisionSnapshot(now, live.known(), out);
    }

    private static SupervisionSnapshot.LineSnapshot line(LiveView live, LineView line, List<ListenerView> registered,
                                                         Function<String, Optional<ListenerView>> byEndpoint,
                                                         Function<String, Optional<TodayFigures>> todayOf,
                                                         LocalTime dayStart, Instant now) {
        LocalDate day = ServiceDay.of(now, line.zone(), dayStart);
        LiveView.QueueView q = live.queues().get(line.queue());
        TodayFigures c = todayOf.apply(line.code()).filter(t -> t.day().equals(day))
                .orElse(TodayFigures.none(day, line.rules().serviceLevelSeconds()));
        List<SupervisionSnapshot.CallerSnapshot> callers = new ArrayList<>();
        List<SupervisionSnapshot.ListenerSnapshot> listeners = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<ListenerState, Integer> byState = new EnumMap<>(ListenerState.class);
        for (ListenerState s : ListenerState.values()) {
            byState.put(s, 0);
        }
        if (live.known()) {
            if (q != null) {
                q.callers().forEach(k -> callers.add(new SupervisionSnapshot.CallerSnapshot(k.position(), k.joinedAt(),
                        Math.max(0, Duration.between(k.joinedAt(), now).toSeconds()))));
                for (LiveView.Member m : q.members()) {
                    ListenerState state = MemberBook.state(m, line.rules(), now);
                    boolean breakDue = MemberBook.breakDue(m, line.rules(), now);
                    Optional<ListenerView> who = byEndpoint.apply(m.endpoint());
                    String name = who.map(ListenerView::displayName).orElse(m.name());
                    listeners.add(new SupervisionSnapshot.ListenerSnapshot(who.map(ListenerView::id).orElse(null), name,
                            m.endpoint(), state, state == ListenerState.PAUSED ? m.pausedReason() : null,
                            since(m, state), m.callsSinceBreak(), breakDue));
                    if (breakDue) {
                        warnings.add(name + " has gone " + m.callsSinceBreak() + " calls and "
                                + (m.workingSince() == null ? 0 : Duration.between(m.workingSince(), now).toMinutes())
                                + " minutes without a break");
                    }
                }
            }
            registered.stream().filter(r -> listeners.stream().noneMatch(s -> s.endpoint().equals(r.endpoint())))
                    .forEach(r -> listeners.add(new SupervisionSnapshot.ListenerSnapshot(r.id(), r.displayName(),
                            r.endpoint(), ListenerState.LOGGED_OUT, null, null, 0, false)));
            listeners.forEach(s -> byState.merge(s.state(), 1, Integer::sum));
        }
        long longest = callers.stream().mapToLong(SupervisionSnapshot.CallerSnapshot::waitSeconds).max().orElse(0);
        return new SupervisionSnapshot.LineSnapshot(line.code(), line.name(), line.queue(), line.zone().getId(), day,
                ServiceDay.start(day, line.zone(), dayStart), callers.size(), longest, c.averageAnsweredWaitSeconds(),
                c.answered(), c.abandoned(), c.timedOut(), c.serviceLevel(), line.rules().serviceLevelSeconds(), byState,
                callers, listeners, warnings, c);
    }

    private static Instant since(LiveView.Member m, ListenerState state) {
        return switch (state) {
            case PAUSED -> m.pausedSince();
            case IN_CALL -> m.callStartedAt();
            case WRAP_UP -> m.lastCompletedAt();
            default -> null;
        };
    }
}
