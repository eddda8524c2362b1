package io.onceload.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /metrics}: Prometheus text through Micrometer, read from the database at each scrape, so every instance of a
 * cluster reports the same cluster-wide values and a restart loses nothing. The meters read the latest snapshot;
 * one is registered the first time its pipeline and tag appear.
 */
final class Metrics {

    static final List<String> ROW_KINDS = List.of("inserted", "updated", "unchanged", "deleted", "rejected");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<MetricsSnapshot> read;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile MetricsSnapshot snapshot = MetricsSnapshot.EMPTY;
    private volatile boolean databaseUp;

    Metrics(Supplier<MetricsSnapshot> read, BooleanSupplier health) {
        this.read = read;
        Gauge.builder("onceload.database.up", () -> databaseUp && health.getAsBoolean() ? 1 : 0)
                .description("1 when onceload's database answers").register(registry);
    }

    synchronized String scrape() {
        try {
            snapshot = read.get();
            databaseUp = true;
        } catch (RuntimeException e) {
            databaseUp = false; // the last snapshot stays: counters never go back
        }
        register(snapshot);
        return registry.scrape();
    }

    private void register(MetricsSnapshot s) {
        s.runs().keySet().forEach(key -> once("runs " + key, () -> FunctionCounter.builder("onceload.runs", this,
                m -> m.snapshot.runs().getOrDefault(key, 0L)).tags("pipeline", key.get(0), "status", key.get(1))
                .description("Runs recorded, by end status").register(registry)));
        s.rows().keySet().forEach(key -> once("rows " + key, () -> FunctionCounter.builder("onceload.rows", this,
                m -> m.snapshot.rows().getOrDefault(key, 0L)).tags("pipeline", key.get(0), "kind", key.get(1))
                .description("Rows written or rejected by published runs").register(registry)));
        s.loads().keySet().forEach(pipeline -> once("load " + pipeline, () -> FunctionTimer.builder(
                "onceload.load.duration", this, m -> m.snapshot.loads().getOrDefault(pipeline, new long[2])[0],
                m -> m.snapshot.loads().getOrDefault(pipeline, new long[2])[1], TimeUnit.MILLISECONDS)
                .tags("pipeline", pipeline).description("Duration of published runs").register(registry)));
        s.lastComplete().keySet().forEach(pipeline -> once("fresh " + pipeline, () -> Gauge.builder(
                "onceload.last.complete.timestamp", this, m -> m.snapshot.lastComplete().getOrDefault(pipeline,
                        Double.NaN)).baseUnit("seconds").tags("pipeline", pipeline)
                .description("When a run last completed a date (published, skipped or no-input)")
                .register(registry)));
        s.owed().keySet().forEach(pipeline -> once("owed " + pipeline, () -> Gauge.builder("onceload.owed.dates",
                this, m -> m.snapshot.owed().getOrDefault(pipeline, 0)).tags("pipeline", pipeline)
                .description("Scheduled dates (last 31 days) that fired and have no completing run").register(registry)));
        for (String status : List.of("pending", "dead")) {
            once("outbox " + status, () -> Gauge.builder("onceload.notifications", this,
                    m -> m.snapshot.outbox().getOrDefault(status, 0L)).tags("status", status)
                    .description("Notifications in the outbox").register(registry));
        }
    }

    private void once(String key, Runnable registration) {
        if (registered.add(key)) {
            registration.run();
        }
    }

    /** What the database said at the last scrape. */
    record MetricsSnapshot(Map<List<String>, Long> runs, Map<List<String>, Long> rows, Map<String, long[]> loads,
                           Map<String, Double> lastComplete, Map<String, Integer> owed, Map<String, Long> outbox) {
        static final MetricsSnapshot EMPTY = new MetricsSnapshot(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of());
    }
}
