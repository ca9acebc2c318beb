package org.helpline.router.asterisk.agi;

import org.helpline.router.platform.AddressAllowList;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connections the FastAGI server serves: those from an allowed address ({@code helpline.agi.allowed-sources},
 * Asterisk's), at most {@code helpline.agi.max-connections-per-source} at once from each. Decided on the acceptor
 * thread before a connection is queued for a worker, so connections from anywhere else never hold one, however
 * many there are and however long they stay silent.
 */
final class SourceGate {

    /** What the gate says of a new connection. */
    enum Admission { ADMITTED, NOT_ALLOWED, TOO_MANY }

    private final AddressAllowList allowed;
    private final int perSource;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    SourceGate(AddressAllowList allowed, int perSource) {
        this.allowed = allowed;
        this.perSource = Math.max(1, perSource);
    }

    /** Admits a connection from {@code source}, counting it until {@link #release}, or says why not. */
    Admission admit(InetAddress source) {
        if (!allowed.allows(source)) {
            return Admission.NOT_ALLOWED;
        }
        boolean[] admitted = new boolean[1];
        open.compute(source, (address, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < perSource;
            return admitted[0] ? now + 1 : now;
        });
        return admitted[0] ? Admission.ADMITTED : Admission.TOO_MANY;
    }

    /** An admitted connection from {@code source} ended. */
    void release(InetAddress source) {
        open.computeIfPresent(source, (address, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public String toString() {
        return allowed + " (at most " + perSource + " connections each)";
    }
}
