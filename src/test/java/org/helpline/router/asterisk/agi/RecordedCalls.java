package org.helpline.router.asterisk.agi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.helpline.router.routing.CallRouted;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the {@link CallRouted} events the route script fires, for tests. */
@ApplicationScoped
public class RecordedCalls {

    private final List<CallRouted> events = new CopyOnWriteArrayList<>();

    void on(@ObservesAsync CallRouted event) {
        events.add(event);
    }

    public Optional<CallRouted> byCallId(String callId) {
        return events.stream().filter(e -> e.callId().equals(callId)).findFirst();
    }
}
