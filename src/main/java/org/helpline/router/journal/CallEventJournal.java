package org.helpline.router.journal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;
import org.helpline.router.routing.CallRouted;
import org.helpline.router.routing.LineFinder;
import org.helpline.router.supervision.CallEnded;
import org.helpline.router.supervision.CallProgress;
import org.helpline.router.supervision.ServiceDay;
import org.helpline.router.supervision.SupervisionConfig;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Turns the route decision and the queue events into {@link CallFacts} and hands them to the
 * {@link JournalWriter}. The caller's number is pseudonymised here, the moment it arrives, and goes no
 * further. Both event types are observed whether they are fired synchronously or asynchronously; the work
 * done here never touches the database, so the firing side never waits on it.
 */
@ApplicationScoped
public class CallEventJournal {

    private static final Logger LOG = Logger.getLogger(CallEventJournal.class);

    private final CallerPseudonymizer pseudonymizer;
    private final LineDirectory lines;
    private final JournalWriter writer;
    private final ZoneId defaultZone;
    private final LocalTime dayStart;
    private final int shortCallSeconds;
    private final Clock clock;

    CallEventJournal(CallerPseudonymizer pseudonymizer, LineDirectory lines, JournalWriter writer, JournalConfig config,
                     SupervisionConfig day, Clock clock) {
        this.clock = clock;
        this.pseudonymizer = pseudonymizer;
        this.lines = lines;
        this.writer = writer;
        this.defaultZone = ZoneId.of(config.defaultZone());
        this.dayStart = day.serviceDayStart();
        this.shortCallSeconds = config.shortCallSeconds();
    }

    void routedAsync(@ObservesAsync CallRouted event) {
        safely(() -> onRouted(event));
    }

    void routed(@Observes CallRouted event) {
        safely(() -> onRouted(event));
    }

    void progressAsync(@ObservesAsync CallProgress event) {
        safely(() -> onProgress(event));
    }

    void progress(@Observes CallProgress event) {
        safely(() -> onProgress(event));
    }

    void endedAsync(@ObservesAsync CallEnded event) {
        safely(() -> onEnded(event));
    }

    void ended(@Observes CallEnded event) {
        safely(() -> onEnded(event));
    }

    /** Whoever fired the event (routing, supervision) must never fail because of the journal. */
    private static void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.errorf("Journal: an event could not be recorded: %s", e.getClass().getSimpleName());
        }
    }

    /** Records a route decision; the raw number is pseudonymised and dropped. */
    public void onRouted(CallRouted event) {
        if (event.callId() == null || event.callId().isBlank()) {
            LOG.warnf("Route decision without a call id ignored by the journal: %s", event);
            return;
        }
        Instant at = event.at() != null ? event.at() : Instant.now(clock);
        CallerPseudonymizer.Pseudonym pseudonym = pseudonymizer.pseudonymise(event.callerNumber(), at);
        writer.submit(CallFacts.routed(event.callId(), event.lineCode(), serviceDay(event.lineCode(), at), at,
                CallOutcome.ofRouteAction(event.action()), pseudonym));
    }

    /**
     * Records the end of a call: the caller's hang-up, with the dialplan's outcome (final), the wait, the
     * listeners rung, whether the crisis numbers were all said. A call the service never decided (the safe path)
     * is filed under the line whose number was dialled.
     */
    public void onEnded(CallEnded event) {
        if (event.callId() == null || event.callId().isBlank() || event.endedAt() == null) {
            return;
        }
        String line = event.line() != null ? event.line()
                : event.dialled() == null ? null
                : LineFinder.find(lines.all(), null, event.dialled(), null).map(LineView::code).orElse(null);
        if ("UNKNOWN_LINE".equals(event.outcome())) {
            line = null;
        }
        Instant arrived = event.arrivedAt();
        Integer duration = arrived == null ? null
                : (int) Math.max(0, Math.min(Integer.MAX_VALUE, Duration.between(arrived, event.endedAt()).toSeconds()));
        CallOutcome outcome = CallOutcome.ofDialplan(event.outcome(), event.waitSeconds(), shortCallSeconds);
        writer.submit(CallFacts.ended(event.callId(), line, serviceDay(line, arrived != null ? arrived : event.endedAt()),
                arrived, event.endedAt(), seconds(event.waitSeconds()), outcome, duration, event.listenersRung(),
                event.crisisHeard()));
    }

    /** The service day of an instant on a line (in the line's zone, starting at the configured hour). */
    private LocalDate serviceDay(String lineCode, Instant at) {
        ZoneId zone = lineCode == null ? defaultZone : lines.byCode(lineCode).map(LineView::zone).orElse(defaultZone);
        return ServiceDay.of(at, zone, dayStart);
    }

    /** Records a step of a queued call. */
    public void onProgress(CallProgress event) {
        if (event.callId() == null || event.callId().isBlank() || event.stage() == null) {
            LOG.debugf("Queue event without a call id ignored by the journal: %s", event.stage());
            return;
        }
        Instant at = event.at() != null ? event.at() : Instant.now(clock);
        Integer wait = seconds(event.waitSeconds());
        Integer talk = seconds(event.talkSeconds());
        String id = event.callId();
        // Provisional outcomes: the caller's hang-up (onEnded) has the final word.
        CallFacts facts = switch (event.stage()) {
            case JOINED -> CallFacts.step(id, at, at, null, null, null, null, null, null);
            case ANSWERED -> CallFacts.step(id, at, null, at, null, wait, null, CallOutcome.ANSWERED, event.listenerId());
            case ABANDONED -> CallFacts.step(id, at, null, null, at, wait, null,
                    wait != null && wait < shortCallSeconds ? CallOutcome.SHORT_CALL : CallOutcome.ABANDONED, null);
            case TIMED_OUT -> CallFacts.step(id, at, null, null, at, wait, null, CallOutcome.NO_LISTENER, null);
            case COMPLETED -> CallFacts.step(id, at, null, null, at, null, talk, CallOutcome.ANSWERED, event.listenerId());
        };
        writer.submit(facts);
    }

    private static Integer seconds(Long value) {
        if (value == null || value < 0) {
            return null;
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
