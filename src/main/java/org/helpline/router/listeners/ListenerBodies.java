package org.helpline.router.listeners;

import java.util.List;

/** JSON bodies of {@code /api/listeners}. */
public final class ListenerBodies {

    private ListenerBodies() {
    }

    /** Create or replace a listener. */
    public record ListenerRequest(String displayName, String endpoint, List<String> lines) {
    }

    /** A listener as the API shows it. */
    public record ListenerResponse(long id, String displayName, String endpoint, List<String> lines) {
        static ListenerResponse of(Listener l) {
            return new ListenerResponse(l.id, l.displayName, l.endpoint, l.lineCodes.stream().sorted().toList());
        }
    }

    /** A pause: why. */
    public record PauseRequest(String reason) {
    }
}
