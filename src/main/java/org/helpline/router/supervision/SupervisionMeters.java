package org.helpline.router.supervision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.lines.LineView;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters per line (tag {@code line} = line code), exported at {@code /q/metrics}: gauges read the
 * latest supervision snapshot; counters and distributions are fed by call progress.
 */
@ApplicationScoped
public class SupervisionMeters {

    private static final double[] PERCENTILES = {0.5, 0.9, 0.99};

    private final MeterRegistry registry;
    private final SupervisionSnapshots snapshots;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    SupervisionMeters(MeterRegistry registry, SupervisionSnapshots snapshots) {
        this.registry = registry;
        this.snapshots = snapshots;
    }

    /** Registers a line's gauges once. */
    public void ensureLine(String line) {
        if (!registered.add(line)) {
            return;
        }
        gauge("helpline.queue.callers.waiting", line, null, "Callers waiting in the line's queue",
                l -> lineValue(l, s -> s.callersWaiting()));
        Gauge.builder("helpline.queue.longest.wait", snapshots, s -> lineValue(line, x -> x.longestWaitSeconds()))
                .tag("line", line).baseUnit("seconds").description("Wait of the longest-waiting caller")
                .strongReference(true).register(registry);
        for (ListenerState state : ListenerState.values()) {
            gauge("helpline.listeners", line, state, "Listeners of the line by state",
                    l -> lineValue(l, s -> s.listenersByState().getOrDefault(state, 0)));
        }
    }

    /** Counts a call's step toward its outcome and records its wait or talk time. */
    public void record(CallProgress p, LineView line) {
        ensureLine(line.code());
        switch (p.stage()) {
            case ANSWERED, ABANDONED, TIMED_OUT -> {
                Counter.builder("helpline.calls").tag("line", line.code())
                        .tag("outcome", p.stage().name().toLowerCase(Locale.ROOT))
                        .description("Queued calls by outcome").register(registry).increment();
                if (p.waitSeconds() != null) {
                    summary("helpline.call.wait", line.code(), "Time callers waited in the queue").record(p.waitSeconds());
                }
            }
            case COMPLETED -> {
                if (p.talkSeconds() != null) {
                    summary("helpline.call.talk", line.code(), "Conversation length").record(p.talkSeconds());
                }
            }
            default -> { }
        }
    }

    private DistributionSummary summary(String name, String line, String description) {
        return DistributionSummary.builder(name).tag("line", line).baseUnit("seconds").description(description)
                .publishPercentiles(PERCENTILES).register(registry);
    }

    private void gauge(String name, String line, ListenerState state, String description, ToDoubleFunction<String> value) {
        Gauge.Builder<SupervisionSnapshots> b = Gauge.builder(name, snapshots, s -> value.applyAsDouble(line))
                .tag("line", line).description(description).strongReference(true);
        if (state != null) {
            b.tag("state", state.name());
        }
        b.register(registry);
    }

    private double lineValue(String line, ToDoubleFunction<SupervisionSnapshot.LineSnapshot> value) {
        return snapshots.latest().lines().stream().filter(l -> l.line().equals(line)).findFirst()
                .map(value::applyAsDouble).orElse(0.0);
    }
}
