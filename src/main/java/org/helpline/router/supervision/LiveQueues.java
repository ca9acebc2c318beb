package org.helpline.router.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.supervision.CallProgress.Stage;
import org.helpline.router.supervision.QueueEvent.Device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live model of every queue, fed by {@link QueueEvent}s in order. A resync replaces everything but the
 * service day's counts (kept for the wait estimate; the figures coordinators see come from the journal) and the
 * calls followed to their end; a lost link empties it and marks it unknown. Returns what each event means for
 * the calls — their steps in the queue and their end — for the journal and the meters.
 * <p>
 * A loss is also known at once, outside the event order ({@link #liveStateLost()}): the events ahead of it in
 * the queue may be many (an overflow is how a loss often starts), and routing must not trust the model while
 * they drain. From then on the model is unknown until a resync taken <em>after</em> that loss is applied; a
 * resync of an earlier session still waiting in the queue does not count.
 */
@ApplicationScoped
public class LiveQueues {

    private static final int MAX_CALL_IDS = 10_000;
    private static final int MAX_TRACKED_CALLS = 10_000;

    private final QueueLines lines;
    private final SupervisionConfig config;
    private final Clock clock;
    private volatile boolean known;
    /** Losses signalled so far, at once, from any thread. */
    private final AtomicLong losses = new AtomicLong();
    /** The {@link #losses} count the applied resync was taken after; trusted only while it is the current one. */
    private volatile long resyncedAfter = -1;
    private final Map<String, Map<String, LiveView.Caller>> callers = new HashMap<>();
    private final Map<String, Map<String, LiveView.Member>> members = new HashMap<>();
    private final DayTally tally;
    private final Map<String, String> callIds = new HashMap<>();
    private final Set<String> abandoned = new HashSet<>();
    private final Map<String, Leave> leaving = new LinkedHashMap<>();
    /** Callers followed from joining a queue to hanging up, by channel: their wait and who was rung. */
    private final Map<String, Track> tracks = new LinkedHashMap<>();

    LiveQueues(QueueLines lines, SupervisionConfig config, Clock clock) {
        this.lines = lines;
        this.config = config;
        this.clock = clock;
        this.tally = new DayTally(lines, config.serviceDayStart());
    }

    /** Applies one event; returns what it means for the calls. */
    public synchronized List<CallUpdate> apply(QueueEvent event) {
        if (event instanceof QueueEvent.CallIdentified e) {
            identified(e);
            return List.of();
        }
        if (event instanceof QueueEvent.CallerHungUp e) {
            return List.of(ended(e));
        }
        if (event instanceof QueueEvent.CallerJoined e) {
            String callId = callId(e.uniqueid(), e.callId());
            callers.computeIfAbsent(e.queue(), q -> new LinkedHashMap<>())
                    .put(e.uniqueid(), new LiveView.Caller(callId, e.position(), e.at()));
            track(e.uniqueid(), e.queue(), e.at());
            return List.of(progress(callId, e.queue(), Stage.JOINED, e.at(), null, null, null));
        }
        if (event instanceof QueueEvent.CallerAbandoned e) {
            LiveView.Caller c = removeCaller(e.queue(), e.uniqueid());
            left(e.uniqueid(), e.at());
            Track abandonedTrack = tracks.get(e.uniqueid());
            if (abandonedTrack != null && abandonedTrack.reportedWait == null) {
                abandonedTrack.reportedWait = e.waitSeconds();
            }
            abandoned.add(e.uniqueid());
            String callId = callId(e.uniqueid(), e.callId() != null ? e.callId() : c == null ? null : c.callId());
            tally.add(e.queue(), e.at(), Stage.ABANDONED, e.waitSeconds(), 0);
            forget(e.uniqueid());
            return List.of(progress(callId, e.queue(), Stage.ABANDONED, e.at(), null, e.waitSeconds(), null));
        }
        if (event instanceof QueueEvent.CallerLeft e) {
            LiveView.Caller c = removeCaller(e.queue(), e.uniqueid());
            left(e.uniqueid(), e.at());
            if (!abandoned.remove(e.uniqueid())) {
                leaving.put(e.uniqueid(), new Leave(e.queue(), callId(e.uniqueid(), e.callId() != null ? e.callId()
                        : c == null ? null : c.callId()), c == null ? null : c.joinedAt(), e.at()));
            }
            return List.of();
        }
        if (event instanceof QueueEvent.MemberRinging e) {
            update(e.queue(), e.endpoint(), m -> copy(m, Device.RINGING, m.callStartedAt(), m.lastCompletedAt(),
                    m.callsSinceBreak()).ringing(e.uniqueid() != null ? e.uniqueid() : "?"));
            Track t = e.uniqueid() == null ? null : tracks.get(e.uniqueid());
            if (t != null) {
                t.rung.add(e.endpoint());
            }
            return List.of();
        }
        if (event instanceof QueueEvent.MemberRingNoAnswer e) {
            update(e.queue(), e.endpoint(), m -> m.ringing(null));
            return List.of();
        }
        if (event instanceof QueueEvent.MemberConnected e) {
            return connected(e);
        }
        if (event instanceof QueueEvent.MemberCompleted e) {
            update(e.queue(), e.endpoint(), m -> copy(m, Device.FREE, null, e.at(), m.callsSinceBreak() + 1).ringing(null));
            tally.add(e.queue(), e.at(), Stage.COMPLETED, 0, e.talkSeconds());
            String callId = callId(e.uniqueid(), e.callId());
            forget(e.uniqueid());
            return List.of(progress(callId, e.queue(), Stage.COMPLETED, e.at(), e.endpoint(), null, e.talkSeconds()));
        }
        if (event instanceof QueueEvent.MemberUpdated e) {
            Map<String, LiveView.Member> q = members.computeIfAbsent(e.queue(), k -> new LinkedHashMap<>());
            LiveView.Member merged = MemberBook.merge(q.get(e.member().endpoint()), e.member(), e.at());
            // A phone found free or unreachable rings for nobody (a ring the queue never reported ending).
            q.put(e.member().endpoint(), e.member().device() == Device.FREE || e.member().device() == Device.UNREACHABLE
                    ? merged.ringing(null) : merged);
            return List.of();
        }
        if (event instanceof QueueEvent.MemberRemoved e) {
            Optional.ofNullable(members.get(e.queue())).ifPresent(q -> q.remove(e.endpoint()));
            return List.of();
        }
        if (event instanceof QueueEvent.QueuesResynced e) {
            return resynced(e, losses.get());
        }
        if (event instanceof QueueEvent.ChannelsListed e) {
            members.values().forEach(q -> q.replaceAll((k, m) -> MemberBook.withChannels(m, e.channels(), e.at())));
            return List.of();
        }
        if (event instanceof QueueEvent.LiveStateLost e) {
            known = false;
            callers.clear();
            members.clear();
            leaving.clear();
            abandoned.clear();
            return List.of();
        }
        return List.of();
    }

    /** The end of a caller's call: what the dialplan says, with the wait and the listeners rung seen here. */
    private CallEnded ended(QueueEvent.CallerHungUp e) {
        Track t = tracks.remove(e.uniqueid());
        leaving.remove(e.uniqueid());
        abandoned.remove(e.uniqueid());
        callers.values().forEach(q -> q.remove(e.uniqueid()));
        stopRinging(e.uniqueid());
        forget(e.uniqueid());
        boolean queued = switch (e.outcome()) {
            case "ANSWERED", "ABANDONED", "TIMED_OUT" -> true;
            default -> false;
        };
        Long wait;
        Integer rung;
        if (t != null) {
            Instant end = t.answeredAt != null ? t.answeredAt : t.leftAt != null ? t.leftAt : e.at();
            wait = t.reportedWait != null ? t.reportedWait : Math.max(0, Duration.between(t.joinedAt, end).toSeconds());
            rung = t.rung.size();
        } else {
            // Never seen in a queue here: nothing to wait for, unless the queue was lived while this instance was away.
            wait = queued ? null : 0L;
            rung = queued ? null : 0;
        }
        return new CallEnded(e.callId(), e.line(), e.dialled(), e.outcome(), e.crisisHeard(), e.arrivedAt(), e.at(),
                wait, rung, t == null ? null : t.queue);
    }

    private void track(String uniqueid, String queue, Instant joinedAt) {
        if (tracks.size() >= MAX_TRACKED_CALLS) {
            // Calls whose hang-up was never seen (a lost event): the oldest go first.
            tracks.remove(tracks.keySet().iterator().next());
        }
        tracks.putIfAbsent(uniqueid, new Track(queue, joinedAt));
    }

    private void left(String uniqueid, Instant at) {
        stopRinging(uniqueid);
        Track t = tracks.get(uniqueid);
        if (t != null && t.leftAt == null) {
            t.leftAt = at;
        }
    }

    /** Members ringing for a caller who is gone (answered elsewhere, abandoned, left) ring no more. */
    private void stopRinging(String uniqueid) {
        members.values().forEach(q -> q.replaceAll((k, m) -> uniqueid.equals(m.ringingFor()) ? m.ringing(null) : m));
    }

    /**
     * Applies a resync taken by a link session that started when {@link #losses()} was {@code lossesBefore}:
     * the model is known again only if no loss was signalled since.
     */
    public synchronized List<CallUpdate> resynced(QueueEvent.QueuesResynced e, long lossesBefore) {
        replaceWith(e);
        resyncedAfter = lossesBefore;
        known = true;
        return List.of();
    }

    /** Live state is lost (link down, events dropped): unknown from now on, whatever is still queued. */
    public long liveStateLost() {
        return losses.incrementAndGet();
    }

    /** How many losses were signalled so far; a link session notes it before it resyncs. */
    public long losses() {
        return losses.get();
    }

    /** Whether the model reflects Asterisk now: resynced, and no loss signalled since that resync's session began. */
    public boolean known() {
        return known && resyncedAfter == losses.get();
    }

    /** Callers who left a queue neither answered nor abandoning, past the grace: timed out. */
    public synchronized List<CallProgress> expireLeaves(Instant now) {
        List<CallProgress> out = new ArrayList<>();
        Instant limit = now.minus(config.leaveGrace());
        leaving.entrySet().removeIf(entry -> {
            Leave l = entry.getValue();
            if (l.leftAt().isAfter(limit)) {
                return false;
            }
            Long wait = l.joinedAt() == null ? null : Duration.between(l.joinedAt(), l.leftAt()).toSeconds();
            tally.add(l.queue(), l.leftAt(), Stage.TIMED_OUT, wait == null ? 0 : wait, 0);
            out.add(progress(l.callId(), l.queue(), Stage.TIMED_OUT, l.leftAt(), null, wait, null));
            forget(entry.getKey());
            return true;
        });
        return out;
    }

    /** A copy of the whole model now. */
    public synchronized LiveView view() {
        Instant now = Instant.now(clock);
        Set<String> names = new HashSet<>(members.keySet());
        names.addAll(callers.keySet());
        names.addAll(tally.queues());
        Map<String, LiveView.QueueView> queues = new HashMap<>();
        for (String q : names) {
            List<LiveView.Caller> waiting = new ArrayList<>(callers.getOrDefault(q, Map.of()).values());
            waiting.sort(Comparator.comparingInt(LiveView.Caller::position));
            queues.put(q, new LiveView.QueueView(q, waiting, List.copyOf(members.getOrDefault(q, Map.of()).values()),
                    tally.of(q, now)));
        }
        return new LiveView(known(), queues);
    }

    /** The members of a queue an endpoint belongs to, now. */
    public synchronized List<String> queuesOf(String endpoint) {
        return members.entrySet().stream().filter(e -> e.getValue().containsKey(endpoint)).map(Map.Entry::getKey).toList();
    }

    /** One member of one queue. */
    public synchronized Optional<LiveView.Member> member(String queue, String endpoint) {
        return Optional.ofNullable(members.getOrDefault(queue, Map.of()).get(endpoint));
    }

    private void identified(QueueEvent.CallIdentified e) {
        if (callIds.size() > MAX_CALL_IDS) {
            callIds.clear();
        }
        callIds.put(e.uniqueid(), e.callId());
        if (e.linkedid() != null) {
            callIds.put(e.linkedid(), e.callId());
        }
    }

    private List<CallUpdate> connected(QueueEvent.MemberConnected e) {
        removeCaller(e.queue(), e.uniqueid());
        leaving.remove(e.uniqueid());
        stopRinging(e.uniqueid());
        Track t = tracks.get(e.uniqueid());
        if (t != null && t.answeredAt == null) {
            t.answeredAt = e.at();
            t.reportedWait = e.waitSeconds();
        }
        update(e.queue(), e.endpoint(), m -> copy(m, Device.IN_USE, e.at(), m.lastCompletedAt(), m.callsSinceBreak()));
        tally.add(e.queue(), e.at(), Stage.ANSWERED, e.waitSeconds(), 0);
        return List.of(progress(callId(e.uniqueid(), e.callId()), e.queue(), Stage.ANSWERED, e.at(), e.endpoint(),
                e.waitSeconds(), null));
    }

    private void replaceWith(QueueEvent.QueuesResynced e) {
        callers.clear();
        members.clear();
        leaving.clear();
        abandoned.clear();
        for (QueueEvent.QueueStatus q : e.queues()) {
            Map<String, LiveView.Caller> waiting = callers.computeIfAbsent(q.queue(), k -> new LinkedHashMap<>());
            q.callers().forEach(c -> waiting.put(c.uniqueid(), new LiveView.Caller(callIds.get(c.uniqueid()), c.position(),
                    e.at().minusSeconds(c.waitSeconds()))));
            Map<String, LiveView.Member> m = members.computeIfAbsent(q.queue(), k -> new LinkedHashMap<>());
            q.members().forEach(s -> m.put(s.endpoint(), MemberBook.merge(null, s, e.at())));
        }
    }

    private LiveView.Caller removeCaller(String queue, String uniqueid) {
        Map<String, LiveView.Caller> q = callers.get(queue);
        LiveView.Caller gone = q == null ? null : q.remove(uniqueid);
        if (gone != null) {
            // Asterisk does not announce the new positions: everyone behind moves up one.
            q.replaceAll((k, c) -> c.position() > gone.position()
                    ? new LiveView.Caller(c.callId(), c.position() - 1, c.joinedAt()) : c);
        }
        return gone;
    }

    private void update(String queue, String endpoint, java.util.function.UnaryOperator<LiveView.Member> change) {
        Map<String, LiveView.Member> q = members.get(queue);
        if (q != null && q.containsKey(endpoint)) {
            q.put(endpoint, change.apply(q.get(endpoint)));
        }
    }

    private static LiveView.Member copy(LiveView.Member m, Device device, Instant callStartedAt, Instant lastCompletedAt,
                                        int callsSinceBreak) {
        return new LiveView.Member(m.endpoint(), m.name(), device, m.paused(), m.pausedReason(), m.pausedSince(),
                callStartedAt, lastCompletedAt, callsSinceBreak, m.workingSince());
    }

    private String callId(String uniqueid, String given) {
        return given != null ? given : uniqueid == null ? null : callIds.get(uniqueid);
    }

    private void forget(String uniqueid) {
        callIds.remove(uniqueid);
    }

    private static CallProgress progress(String callId, String queue, Stage stage, Instant at, String endpoint,
                                         Long wait, Long talk) {
        return new CallProgress(callId, queue, stage, at, endpoint, wait, talk);
    }

    /** A caller who left without answer or abandon, until the grace tells a timeout from a late answer. */
    private record Leave(String queue, String callId, Instant joinedAt, Instant leftAt) {
    }

    /**
     * A caller followed until they hang up: when they joined, were answered and left the queue, the wait Asterisk
     * itself reported (AgentConnect's or QueueCallerAbandon's HoldTime, which no delay of this service's event
     * handling can skew), and the listeners rung.
     */
    private static final class Track {
        final String queue;
        final Instant joinedAt;
        final Set<String> rung = new HashSet<>();
        Instant answeredAt;
        Instant leftAt;
        Long reportedWait;

        Track(String queue, Instant joinedAt) {
            this.queue = queue;
            this.joinedAt = joinedAt;
        }
    }
}
