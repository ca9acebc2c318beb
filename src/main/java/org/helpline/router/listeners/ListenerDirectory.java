package org.helpline.router.listeners;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.platform.AfterCommit;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every enabled listener, in memory, for the paths that must not wait on the database (AMI events, softphone
 * feature codes): a disabled listener is no one's to ring or to log in. Reloaded when a change commits and
 * periodically (changes made by another instance).
 */
@ApplicationScoped
public class ListenerDirectory {

    private static final Logger LOG = Logger.getLogger(ListenerDirectory.class);

    private final AfterCommit afterCommit;
    private volatile Map<String, ListenerView> byEndpoint = Map.of();

    ListenerDirectory(AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
    }

    void onStart(@Observes StartupEvent event) {
        reloadQuietly();
    }

    @Scheduled(every = "${helpline.lines.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadQuietly() {
        try {
            List<ListenerView> all = QuarkusTransaction.requiringNew()
                    .call(() -> Listener.<Listener>list("enabled", true).stream().map(ListenerView::of).toList());
            byEndpoint = all.stream().collect(Collectors.toUnmodifiableMap(ListenerView::endpoint, Function.identity()));
        } catch (RuntimeException e) {
            LOG.warnf("Listeners could not be reloaded, keeping the previous view: %s", e.getMessage());
        }
    }

    /** Publishes a listener's new view (or, with a null view, its removal) once the current transaction commits. */
    void publishOnCommit(String endpointBefore, ListenerView view) {
        afterCommit.run(() -> apply(endpointBefore, view));
    }

    private synchronized void apply(String endpointBefore, ListenerView view) {
        Map<String, ListenerView> next = new java.util.HashMap<>(byEndpoint);
        if (endpointBefore != null) {
            next.remove(endpointBefore);
        }
        if (view != null) {
            next.put(view.endpoint(), view);
        }
        byEndpoint = Map.copyOf(next);
    }

    public Optional<ListenerView> byEndpoint(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpoint));
    }

    public List<ListenerView> all() {
        return List.copyOf(byEndpoint.values());
    }

    /** The listeners who serve a line. */
    public List<ListenerView> ofLine(String lineCode) {
        return byEndpoint.values().stream().filter(l -> l.lines().contains(lineCode)).toList();
    }
}
