package org.helpline.router.listeners;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Softphone feature codes (AGI script {@code listener}): the listener is found by the calling endpoint in
 * memory, then logged in, out, paused or resumed on every queue of their lines.
 */
@ApplicationScoped
public class FeatureCodeCommands implements ListenerCommands {

    private static final Logger LOG = Logger.getLogger(FeatureCodeCommands.class);
    static final String DEFAULT_REASON = "break";

    private final ListenerDirectory listeners;
    private final ListenerShifts shifts;

    FeatureCodeCommands(ListenerDirectory listeners, ListenerShifts shifts) {
        this.listeners = listeners;
        this.shifts = shifts;
    }

    @Override
    public Result onFeatureCode(String endpoint, Command command, String reason) {
        ListenerView l = endpoint == null ? null : listeners.byEndpoint(endpoint.trim()).orElse(null);
        if (l == null) {
            return Result.UNKNOWN_LISTENER;
        }
        if (command == null || shifts.queues(l).isEmpty()) {
            return Result.NOT_ALLOWED;
        }
        try {
            switch (command) {
                case LOGIN -> shifts.login(l);
                case LOGOUT -> shifts.logout(l);
                case PAUSE -> shifts.pause(l, cleanReason(reason));
                case RESUME -> shifts.resume(l);
            }
            return Result.OK;
        } catch (QueueMembership.Unavailable e) {
            return Result.UNAVAILABLE;
        } catch (QueueMembership.Refused e) {
            LOG.infof("Feature code %s of listener %d refused: %s", command, l.id(), e.getMessage());
            return Result.NOT_ALLOWED;
        }
    }

    private static String cleanReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return DEFAULT_REASON;
        }
        String r = reason.replaceAll("\\p{Cntrl}", " ").trim();
        return r.length() > ListenerShifts.MAX_REASON ? r.substring(0, ListenerShifts.MAX_REASON) : r;
    }
}
