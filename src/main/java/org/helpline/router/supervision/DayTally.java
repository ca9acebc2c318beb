package org.helpline.router.supervision;

import org.helpline.router.lines.LineView;
import org.helpline.router.supervision.CallProgress.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each queue's counts for its service day (in the zone of the line it serves): a count from an earlier
 * service day reads as zero and is replaced by the first call of the new day. Not thread-safe: owned by
 * {@link LiveQueues}.
 */
final class DayTally {

    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private final QueueLines lines;
    private final LocalTime dayStart;
    private final Map<String, LiveView.DayCounts> counts = new HashMap<>();

    DayTally(QueueLines lines, LocalTime dayStart) {
        this.lines = lines;
        this.dayStart = dayStart;
    }

    /** Counts a call leaving the queue (wait) or a conversation ending (talk). */
    void add(String queue, Instant at, Stage stage, long wait, long talk) {
        LiveView.DayCounts c = of(queue, at);
        int target = lines.rulesOf(queue).serviceLevelSeconds();
        counts.put(queue, switch (stage) {
            case ANSWERED -> new LiveView.DayCounts(c.day(), c.answered() + 1, c.answeredWithinTarget() + (wait <= target ? 1 : 0),
                    c.abandoned(), c.timedOut(), c.waitSecondsTotal() + wait, c.waitCount() + 1, c.talkSecondsTotal(), c.talkCount());
            case ABANDONED -> new LiveView.DayCounts(c.day(), c.answered(), c.answeredWithinTarget(), c.abandoned() + 1,
                    c.timedOut(), c.waitSecondsTotal() + wait, c.waitCount() + 1, c.talkSecondsTotal(), c.talkCount());
            case TIMED_OUT -> new LiveView.DayCounts(c.day(), c.answered(), c.answeredWithinTarget(), c.abandoned(),
                    c.timedOut() + 1, c.waitSecondsTotal() + wait, c.waitCount() + 1, c.talkSecondsTotal(), c.talkCount());
            case COMPLETED -> new LiveView.DayCounts(c.day(), c.answered(), c.answeredWithinTarget(), c.abandoned(),
                    c.timedOut(), c.waitSecondsTotal(), c.waitCount(), c.talkSecondsTotal() + talk, c.talkCount() + 1);
            case JOINED -> c;
        });
    }

    /** The queue's counts for the service day of {@code at}. */
    LiveView.DayCounts of(String queue, Instant at) {
        ZoneId zone = lines.linesOf(queue).stream().findFirst().map(LineView::zone).orElse(DEFAULT_ZONE);
        LocalDate day = ServiceDay.of(at, zone, dayStart);
        LiveView.DayCounts c = counts.get(queue);
        return c == null || !c.day().equals(day) ? LiveView.DayCounts.empty(day) : c;
    }

    Set<String> queues() {
        return Set.copyOf(counts.keySet());
    }
}
