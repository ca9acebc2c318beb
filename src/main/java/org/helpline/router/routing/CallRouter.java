package org.helpline.router.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Routes a call from what Asterisk says about it: finds the line in the in-memory {@link LineDirectory} (never
 * the database), reads the live queue load and applies {@link RouteDecider}. Then, once Asterisk has its
 * answer, tells the rest of the service with a {@link CallRouted} event fired asynchronously.
 */
@ApplicationScoped
public class CallRouter {

    private static final Logger LOG = Logger.getLogger(CallRouter.class);

    private final LineDirectory directory;
    private final QueueAvailability availability;
    private final Clock clock;
    private final Event<CallRouted> routed;

    CallRouter(LineDirectory directory, QueueAvailability availability, Clock clock, Event<CallRouted> routed) {
        this.directory = directory;
        this.availability = availability;
        this.clock = clock;
        this.routed = routed;
    }

    /**
     * Decides the route of a call.
     *
     * @param callId    the id the dialplan gave the call, adopted when it is a UUID; else a fresh one is made
     * @param lineCode  an explicit line code given by the dialplan, or null
     * @param dnid      the number the caller dialled, or null
     * @param extension the extension the call reached, or null
     */
    public RoutedCall route(String callId, String lineCode, String dnid, String extension) {
        Instant now = clock.instant();
        LineView line = LineFinder.find(directory.all(), lineCode, dnid, extension).orElse(null);
        Optional<QueueLoad> load = line == null ? Optional.empty() : liveLoad(line.queue());
        RouteDecision decision = RouteDecider.decide(line, load, now);
        return new RoutedCall(callIdOrFresh(callId), decision, now);
    }

    /** The dialplan's call id when it is a well-formed UUID (nothing else reaches the journal), else a new one. */
    public static String callIdOrFresh(String given) {
        if (given != null && given.length() == 36) {
            try {
                return UUID.fromString(given).toString().equals(given.toLowerCase(java.util.Locale.ROOT))
                        ? given.toLowerCase(java.util.Locale.ROOT) : UUID.randomUUID().toString();
            } catch (IllegalArgumentException e) {
                return UUID.randomUUID().toString();
            }
        }
        return UUID.randomUUID().toString();
    }

    /**
     * Announces a routed call. {@code callerNumber} travels in memory only, for the journal to pseudonymise.
     */
    public void announce(RoutedCall call, String callerNumber) {
        RouteDecision d = call.decision();
        routed.fireAsync(new CallRouted(call.callId(), d.lineCode(), d.action().name(), d.queue(), call.at(), callerNumber))
                .exceptionally(failure -> {
                    // The exception's message could quote the event; only its type is logged.
                    LOG.warnf("An observer of call %s failed: %s", call.callId(), failure.getClass().getName());
                    return null;
                });
    }

    /**
     * Announces a call that got no decision in time (the dialplan's safe path answered it), so the journal
     * counts it as failed. {@code callerNumber} travels in memory only.
     */
    public void announceFailure(String givenCallId, String callerNumber) {
        String callId = callIdOrFresh(givenCallId);
        routed.fireAsync(new CallRouted(callId, null, "FAILED", null, clock.instant(), callerNumber))
                .exceptionally(failure -> {
                    LOG.warnf("An observer of failed call %s failed: %s", callId, failure.getClass().getName());
                    return null;
                });
    }

    private Optional<QueueLoad> liveLoad(String queue) {
        try {
            Optional<QueueLoad> load = availability.load(queue);
            return load == null ? Optional.empty() : load;
        } catch (RuntimeException e) {
            LOG.warnf("Live state of queue %s unavailable, routing as unknown: %s", queue, e.getClass().getName());
            return Optional.empty();
        }
    }
}
