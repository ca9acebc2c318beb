package org.helpline.router.listeners;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineView;

import java.util.List;
import java.util.Optional;

/**
 * A listener's shift in Asterisk: log in (join the queue of each of their lines), log out, pause with a
 * reason and resume, carried out on every queue of their lines. Throws {@link QueueMembership.Unavailable}
 * when Asterisk cannot be reached and {@link QueueMembership.Refused} when it refuses.
 */
@ApplicationScoped
public class ListenerShifts {

    /** Longest pause reason kept (Asterisk shows it in {@code queue show}). */
    public static final int MAX_REASON = 80;

    private final QueueMembership membership;
    private final LineDirectory lines;

    ListenerShifts(QueueMembership membership, LineDirectory lines) {
        this.membership = membership;
        this.lines = lines;
    }

    public void login(ListenerView l) {
        queues(l).forEach(q -> membership.add(q, l.endpoint(), l.displayName()));
    }

    public void logout(ListenerView l) {
        queues(l).forEach(q -> membership.remove(q, l.endpoint()));
    }

    /**
     * Logs the listener's phone out of every queue Asterisk has it in, and of their lines' queues (the lines may have
     * changed since they logged in): when they are disabled or deleted.
     */
    public void logoutEverywhere(ListenerView l) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(queues(l));
        all.addAll(membership.queuesOf(l.endpoint()));
        all.forEach(q -> membership.remove(q, l.endpoint()));
    }

    public void pause(ListenerView l, String reason) {
        queues(l).forEach(q -> membership.pause(q, l.endpoint(), reason));
    }

    public void resume(ListenerView l) {
        queues(l).forEach(q -> membership.resume(q, l.endpoint()));
    }

    /** The distinct queues of the listener's lines. */
    public List<String> queues(ListenerView l) {
        return l.lines().stream().map(lines::byCode).flatMap(Optional::stream).map(LineView::queue).distinct().toList();
    }
}
