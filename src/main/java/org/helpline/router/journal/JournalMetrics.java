package org.helpline.router.journal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The journal's state on {@code /q/metrics}: facts waiting in memory, whether some wait on disk, and whether
 * the last write reached the database. An alert on the last two tells operators the journal is degraded
 * while calls are still routed normally.
 */
@ApplicationScoped
public class JournalMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, JournalWriter writer) {
        Gauge.builder("helpline.journal.buffered", writer, JournalWriter::buffered)
                .description("Call facts waiting in memory to be written").strongReference(true).register(registry);
        Gauge.builder("helpline.journal.spill.pending", writer, w -> w.spillPending() ? 1 : 0)
                .description("1 while call facts wait in the spill file").strongReference(true).register(registry);
        Gauge.builder("helpline.journal.database.down", writer, w -> w.databaseDown() ? 1 : 0)
                .description("1 when the last journal write failed").strongReference(true).register(registry);
    }
}
