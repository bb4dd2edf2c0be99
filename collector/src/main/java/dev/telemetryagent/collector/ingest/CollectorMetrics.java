package dev.telemetryagent.collector.ingest;

import dev.telemetryagent.collector.store.EventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The collector's figures for {@code GET /metrics}, in the Prometheus text format (Micrometer). */
public final class CollectorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter accepted;
    private final Counter duplicates;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

    /** The meters, with the store's size read at each scrape. */
    public CollectorMetrics(EventStore store) {
        accepted = Counter.builder("collector.events.accepted").description("Events stored").register(registry);
        duplicates = Counter.builder("collector.events.duplicates")
                .description("Events already stored (same messageId), not stored again").register(registry);
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder("collector.events.rejected").tag("reason", r.label())
                    .description("Events not stored because they fail the contract").register(registry));
        }
        Gauge.builder("collector.store.size", store, EventStore::sizeBytes).baseUnit("bytes")
                .description("The store's size on disk").register(registry);
        // Threads and heap: what a flood of connections or slow clients would drive up, and must not.
        new JvmThreadMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
    }

    void slowClientCut(String reason) {
        Counter.builder("collector.connections.cut").tag("reason", reason)
                .description("Connections closed because their request arrived too slowly").register(registry)
                .increment();
    }

    void stored(int acceptedCount, int duplicateCount) {
        accepted.increment(acceptedCount);
        duplicates.increment(duplicateCount);
    }

    void rejected(Map<RejectReason, Integer> counts) {
        counts.forEach((reason, n) -> rejected.get(reason).increment(n));
    }

    void request(String endpoint, int status, long nanos) {
        Timer.builder("collector.requests").description("Request latency").tag("endpoint", endpoint)
                .tag("status", Integer.toString(status)).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The text for a scrape. */
    String scrape() {
        return registry.scrape();
    }
}
