package org.helpline.router.listeners;

import java.util.List;

/** An immutable copy of a listener for the live paths (AMI events, feature codes), read from memory. */
public record ListenerView(long id, String displayName, String endpoint, List<String> lines) {

    public ListenerView {
        lines = List.copyOf(lines);
    }

    static ListenerView of(Listener l) {
        return new ListenerView(l.id, l.displayName, l.endpoint, l.lineCodes.stream().sorted().toList());
    }
}
