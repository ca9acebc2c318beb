package org.helpline.router.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every {@link CallProgress} published, as the journal would receive it. */
@ApplicationScoped
public class ProgressRecorder {

    private final List<CallProgress> seen = new CopyOnWriteArrayList<>();

    void on(@ObservesAsync CallProgress p) {
        seen.add(p);
    }

    public List<CallProgress> of(String queue) {
        return seen.stream().filter(p -> queue.equals(p.queue())).toList();
    }
}
