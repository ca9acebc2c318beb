package org.helpline.router.lines;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.platform.AfterCommit;
import org.helpline.router.schedule.ScheduledRange;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The in-memory view of every line's configuration that call routing reads. A change made through the API
 * is published here when its transaction commits; a periodic reload picks up changes made by another
 * instance of the service sharing the same database.
 */
@ApplicationScoped
public class LineDirectory {

    private static final Logger LOG = Logger.getLogger(LineDirectory.class);

    private final AfterCommit afterCommit;
    private final CrisisNumberPolicy crisisNumbers;
    private volatile Map<String, LineView> byCode = Map.of();
    /** The same views as a list, built once per change: routing reads it on every call. */
    private volatile List<LineView> all = List.of();
    private volatile boolean loaded;
    /** Bumped by every committed change, so a reload that read older data does not overwrite it. */
    private long generation;

    LineDirectory(AfterCommit afterCommit, CrisisNumberPolicy crisisNumbers) {
        this.afterCommit = afterCommit;
        this.crisisNumbers = crisisNumbers;
    }

    void onStart(@Observes StartupEvent event) {
        reloadQuietly();
        warnAboutRefusedCrisisNumbers();
    }

    /**
     * Lines saved before crisis numbers were restricted may hold numbers the API would now refuse: they still
     * work (the operator chose them), but the operator is told, once per start, to allow-list or replace them.
     */
    private void warnAboutRefusedCrisisNumbers() {
        for (LineView line : all) {
            for (int i = 0; i < line.crisisNumbers().size(); i++) {
                if (!crisisNumbers.accepts(line.crisisNumbers().get(i).number())) {
                    LOG.warnf("Line %s: crisisNumbers[%d] is neither a short national number nor allow-listed in "
                            + "helpline.lines.allowed-crisis-numbers; callers pressing 1 reach it. Allow-list it or "
                            + "change the line", line.code(), i);
                }
            }
        }
    }

    /** Every {@link LinesConfig#refreshInterval()}. */
    @Scheduled(every = "${helpline.lines.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodicReload() {
        reloadQuietly();
    }

    /** Reloads every line from the database; on failure the previous view stays in force. */
    public void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("Line configuration could not be reloaded, keeping the previous view: %s", e.getMessage());
        }
    }

    public void reload() {
        long startedAt;
        synchronized (this) {
            startedAt = generation;
        }
        Map<String, LineView> fresh = QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, List<ScheduledRange>> ranges = ScheduledRange.<ScheduledRange>listAll().stream()
                    .collect(Collectors.groupingBy(r -> r.lineId));
            Map<String, Map<String, Set<String>>> recorded = LineMessage.customNamesByLine();
            Map<String, LineView> views = new HashMap<>();
            for (Line line : Line.<Line>listAll()) {
                Set<String> custom = recorded.getOrDefault(line.code, Map.of()).getOrDefault(line.language, Set.of());
                views.put(line.code, LineView.of(line, ranges.getOrDefault(line.id, List.of()), custom));
            }
            return views;
        });
        synchronized (this) {
            if (generation == startedAt) {
                byCode = Map.copyOf(fresh);
                all = List.copyOf(byCode.values());
                loaded = true;
            }
        }
    }

    /** Publishes a line's new view (or its removal, with a null view) once the current transaction commits. */
    public void publishOnCommit(String code, LineView view) {
        afterCommit.run(() -> apply(code, view));
    }

    private synchronized void apply(String code, LineView view) {
        Map<String, LineView> next = new HashMap<>(byCode);
        if (view == null) {
            next.remove(code);
        } else {
            next.put(code, view);
        }
        byCode = Map.copyOf(next);
        all = List.copyOf(byCode.values());
        generation++;
    }

    public Optional<LineView> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public List<LineView> all() {
        return all;
    }

    /** Whether the view has been loaded from the database at least once since start. */
    public boolean loaded() {
        return loaded;
    }
}
