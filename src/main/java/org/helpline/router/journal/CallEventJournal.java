package org.helpline.router.journal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;
import org.helpline.router.routing.CallRouted;
import org.helpline.router.supervision.CallProgress;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
    private final Clock clock;

    CallEventJournal(CallerPseudonymizer pseudonymizer, LineDirectory lines, JournalWriter writer, JournalConfig config,
                     Clock clock) {
        this.clock = clock;
        this.pseudonymizer = pseudonymizer;
        this.lines = lines;
        this.writer = writer;
        this.defaultZone = ZoneId.of(config.defaultZone());
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
        ZoneId zone = event.lineCode() == null ? defaultZone
                : lines.byCode(event.lineCode()).map(LineView::zone).orElse(defaultZone);
        LocalDate day = at.atZone(zone).toLocalDate();
        writer.submit(CallFacts.routed(event.callId(), event.lineCode(), day, at,
                CallOutcome.ofRouteAction(event.action()), pseudonym));
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
        CallFacts facts = switch (event.stage()) {
            case JOINED -> new CallFacts(id, null, null, null, at, null, null, null, null, null, null, null, null, at);
            case ANSWERED -> new CallFacts(id, null, null, null, null, at, null, wait, null, CallOutcome.ANSWERED,
                    event.listenerId(), null, null, at);
            case ABANDONED -> new CallFacts(id, null, null, null, null, null, at, wait, null, CallOutcome.ABANDONED,
                    null, null, null, at);
            case TIMED_OUT -> new CallFacts(id, null, null, null, null, null, at, wait, null, CallOutcome.NO_LISTENER,
                    null, null, null, at);
            case COMPLETED -> new CallFacts(id, null, null, null, null, null, at, null, talk, CallOutcome.ANSWERED,
                    event.listenerId(), null, null, at);
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
