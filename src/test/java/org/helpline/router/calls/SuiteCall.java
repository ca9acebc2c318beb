package org.helpline.router.calls;

import org.helpline.router.calls.rig.AmiObserver;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One call placed by SIPp on the trunk, seen through the AMI observer (what the caller hears, their channel's
 * variables and hang-up) and the service's journal (the call's row).
 */
final class SuiteCall {

    /** PostgreSQL's text form of a timestamptz, e.g. {@code 2026-11-30 14:48:04.0806+00}. */
    private static final DateTimeFormatter PG_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().appendPattern("X").toFormatter();

    private final CallRig rig;
    private final String callerNumber;
    private final Sipp.Run sipp;
    private final String name;
    private final String queue;
    private String uniqueid;

    private SuiteCall(CallRig rig, String callerNumber, Sipp.Run sipp, String name, String queue) {
        this.rig = rig;
        this.callerNumber = callerNumber;
        this.sipp = sipp;
        this.name = name;
        this.queue = queue;
    }

    /** Dials {@code dialled} from a fresh caller number; the caller then follows the script. */
    static SuiteCall place(CallRig rig, String dialled, Sipp.CallerScript script) throws IOException {
        String caller = SuiteLines.caller();
        return new SuiteCall(rig, caller, rig.sipp.call(dialled, caller, script), dialled, null);
    }

    /** Dials the line's number from a fresh caller number; the caller then follows the script. */
    static SuiteCall place(CallRig rig, SuiteLines.SuiteLine line, Sipp.CallerScript script) throws IOException {
        String caller = SuiteLines.caller();
        return new SuiteCall(rig, caller, rig.sipp.call(line.dialled(), caller, script), line.code(), line.queue());
    }

    /** The unique id of the caller's channel in Asterisk. */
    String channel() {
        if (uniqueid == null) {
            uniqueid = rig.observer.callerChannel(callerNumber, Duration.ofSeconds(15));
        }
        return uniqueid;
    }

    /** Waits until the caller has heard this sequence (in order); returns all they heard. */
    List<String> hears(List<String> sequence, Duration limit) {
        return rig.observer.awaitHeard(channel(), sequence, limit);
    }

    List<String> heardSoFar() {
        return rig.observer.heard(channel());
    }

    /** The call's HELPLINE_CALL_ID, as the dialplan set it when the call arrived. */
    String callId() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var id = rig.observer.variable(channel(), "HELPLINE_CALL_ID");
            if (id.isPresent() && !id.get().isBlank()) {
                return id.get();
            }
            sleep(50);
        }
        throw new AssertionError("the call got no HELPLINE_CALL_ID");
    }

    /** When the caller's channel hung up, as AMI said it. */
    AmiObserver.Event hangup(Duration limit) {
        return rig.observer.awaitHangup(channel(), limit);
    }

    /** When an event of the caller's channel matching the predicate arrived. */
    Instant when(Predicate<AmiObserver.Event> match, Duration limit, String what) {
        String id = channel();
        return rig.observer.await(e -> id.equals(e.get("Uniqueid")) && match.test(e), limit, what).at();
    }

    /** Waits for SIPp to finish; returns whether its call went through without a SIP failure. */
    boolean ended(Duration limit) throws InterruptedException {
        return sipp.await(limit) == 0;
    }

    /**
     * The call's journal row once it has an outcome and an end, written within 5 s of the hang-up; checks the
     * outcome and that {@code ended_at} is the hang-up's instant.
     */
    Map<String, String> journalled(String outcome) {
        AmiObserver.Event hungUp = hangup(Duration.ofSeconds(120));
        String id = callId();
        Duration waited = Duration.between(hungUp.at(), Instant.now());
        Duration left = Duration.ofSeconds(5).minus(waited.isNegative() ? Duration.ZERO : waited);
        String told = "the caller's hang-up said " + hungUp.headers().stream()
                .filter(h -> h.getKey().equals("ChanVariable") && h.getValue().startsWith("HELPLINE_")).map(Map.Entry::getValue)
                .toList();
        Map<String, String> row = rig.journal.await(id, r -> "t".equals(r.get("outcome_final")),
                left.isNegative() ? Duration.ofMillis(100) : left,
                "an outcome and an end written within 5 s of the hang-up (" + told + ")");
        assertEquals(outcome, row.get("outcome"), "outcome of the call in the journal: " + row + "; " + told);
        Instant ended = OffsetDateTime.parse(row.get("ended_at"), PG_TIMESTAMP).toInstant();
        assertTrue(Duration.between(ended, hungUp.at()).abs().compareTo(Duration.ofSeconds(2)) <= 0,
                "ended_at " + ended + " is the hang-up (" + hungUp.at() + ")");
        assertNotNull(row.get("duration_seconds"), "the duration is recorded");
        if (NEVER_QUEUED.contains(outcome)) {
            assertEquals("0", row.get("wait_seconds"), "a call that never reached a queue waited 0 s: " + row);
        }
        capture(name + "-" + outcome.toLowerCase(java.util.Locale.ROOT), queue);
        return row;
    }

    /** Outcomes a call has only if it never entered a queue: the journal's wait is then 0 (docs/privacy.md). */
    private static final Set<String> NEVER_QUEUED = Set.of("LEFT_DURING_NOTICE", "CLOSED", "OVERLOAD", "UNKNOWN_LINE",
            "FAILED");

    /**
     * What the journal's wait of a call must be: its time in the queue (docs/privacy.md, docs/reports.md), 0 for
     * a call that never entered one.
     */
    record Waited(boolean queued, int min, int max) {

        /** Never queued: the journal says 0 s and AMI saw the caller join no queue. */
        static Waited never() {
            return new Waited(false, 0, 0);
        }

        /** Queued: between {@code min} and {@code max} s (what the scenario did), and the queue time AMI showed. */
        static Waited inQueue(int min, int max) {
            return new Waited(true, min, max);
        }
    }

    /** {@link #journalled(String)}, and the journal's wait is the one the caller lived. */
    Map<String, String> journalled(String outcome, Waited waited) {
        Map<String, String> row = journalled(outcome);
        Optional<Duration> inQueue = queueTime();
        if (!waited.queued()) {
            assertEquals(Optional.empty(), inQueue, "the caller never joined a queue (AMI)");
            assertEquals("0", row.get("wait_seconds"), "a call never queued waited 0 s in the journal: " + row);
            return row;
        }
        int wait = intOf(row, "wait_seconds");
        assertTrue(inQueue.isPresent(), "AMI saw the caller join the queue");
        double seen = inQueue.get().toMillis() / 1000.0;
        assertTrue(Math.abs(wait - seen) <= 2, "the journal's wait " + wait + " s is the " + seen + " s AMI showed the "
                + "caller in the queue");
        assertTrue(wait >= waited.min() && wait <= waited.max(),
                "waited " + waited.min() + "-" + waited.max() + " s as the scenario did: " + wait);
        return row;
    }

    /**
     * How long the caller was in a queue, as the rig saw it on AMI: from {@code QueueCallerJoin} to
     * {@code QueueCallerLeave} (or the hang-up); empty when they never joined one.
     */
    Optional<Duration> queueTime() {
        String id = channel();
        Instant joined = null;
        Instant left = null;
        for (AmiObserver.Event e : rig.observer.events()) {
            if (id.equals(e.get("Uniqueid"))) {
                if (e.is("QueueCallerJoin") && joined == null) {
                    joined = e.at();
                } else if (e.is("QueueCallerLeave") && joined != null) {
                    left = e.at();
                }
            }
        }
        if (joined == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(joined, left != null ? left : hangup(Duration.ofSeconds(120)).at()));
    }

    /**
     * What is left of {@code limit} counted from the caller's channel's arrival in Asterisk: for waiting on the end
     * of a sequence in steps (with checks in between) under the same bound as in one step.
     */
    Duration leftOf(Duration limit) {
        Instant arrived = when(e -> e.is("Newchannel"), Duration.ofSeconds(15), "the caller's channel");
        Duration left = limit.minus(Duration.between(arrived, Instant.now()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** When the caller joined a queue, as AMI said it. */
    Instant joinedQueue(Duration limit) {
        return when(e -> e.is("QueueCallerJoin"), limit, "the caller joins the queue");
    }

    /** Everything the caller heard, once their channel has hung up (AMI gives a channel's events in order). */
    List<String> heardWholeCall() {
        hangup(Duration.ofSeconds(120));
        return heardSoFar();
    }

    /** Once the call is over: the caller heard the charter notice {@code notice} exactly once. */
    void heardTheNoticeOnce(String notice) {
        Heard.noticeExactlyOnce(heardWholeCall(), notice);
    }

    /**
     * Writes what the service's AMI user saw of this call to {@code <run>/transcripts/ami-<name>.txt}, the format
     * of the captures the unit tests replay (src/test/resources/asterisk-transcripts/).
     */
    void capture(String name, String queue) {
        if (queue == null && name.matches(".*\\d{6,}.*")) {
            name = name.replaceAll("\\d", "x");
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(rig.runDir.resolve("transcripts"));
            java.nio.file.Files.writeString(dir.resolve("ami-" + name + ".txt"), rig.observer.transcript(channel(), queue));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int intOf(Map<String, String> row, String column) {
        String v = row.get(column);
        assertNotNull(v, column + " is recorded: " + row);
        return Integer.parseInt(v);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
