package dev.tokengate.internal.metrics.export;

import dev.tokengate.internal.metrics.MetricSeries;
import dev.tokengate.internal.metrics.TokengateMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The series as Micrometer meters: function counters, a function timer for issuer calls (count and total time), a
 * gauge for the key set's age. They read tokengate's counters when the registry is scraped. Loaded only after
 * {@link MetricsExports} saw Micrometer on the application's class path.
 */
final class MicrometerExport implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters;

    private MicrometerExport(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = meters;
    }

    /** Registers every series in {@code registry}; {@link #close()} removes them again. */
    static MicrometerExport register(MeterRegistry registry, List<MetricSeries> series, TokengateMetrics metrics) {
        List<Meter> meters = new ArrayList<>();
        for (MetricSeries one : series) {
            Tags tags = Tags.empty();
            for (var tag : one.tags().entrySet()) {
                tags = tags.and(tag.getKey(), tag.getValue());
            }
            meters.add(switch (one.kind()) {
                case COUNTER -> FunctionCounter.builder(one.name(), metrics, one.value())
                        .description(one.description()).tags(tags).register(registry);
                case GAUGE -> Gauge.builder(one.name(), metrics, one.value())
                        .description(one.description()).baseUnit("seconds").tags(tags).register(registry);
                case TIMED_COUNTER -> FunctionTimer.builder(one.name(), metrics,
                                m -> (long) one.value().applyAsDouble(m), one.totalSeconds(), TimeUnit.SECONDS)
                        .description(one.description()).tags(tags).register(registry);
            });
        }
        return new MicrometerExport(registry, List.copyOf(meters));
    }

    /**
     * The application's registry: its CDI bean of type {@code MeterRegistry} when it has exactly one (a server's
     * Micrometer integration, or the application's own producer), else Micrometer's global registry, which is where
     * an application without CDI adds its registries.
     */
    static MeterRegistry applicationRegistry() {
        try {
            return CdiBeans.find(MeterRegistry.class).orElse(Metrics.globalRegistry);
        } catch (LinkageError noCdi) {
            return Metrics.globalRegistry;
        }
    }

    String registryName() {
        return registry == Metrics.globalRegistry ? "Micrometer's global registry" : "the application's MeterRegistry bean";
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
