package dev.tokengate.internal.metrics.export;

import dev.tokengate.internal.metrics.MetricSeries;
import dev.tokengate.internal.metrics.TokengateMetrics;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * The series in the server's MicroProfile Metrics application registry. MicroProfile Metrics 5 has no counter that
 * reads its value from elsewhere, so every series is a gauge read at scrape time; counters among them only grow.
 * A timed counter becomes two gauges: the count under its name, the total seconds under {@code <name>.time}.
 * Loaded only after {@link MetricsExports} saw the API.
 */
final class MicroProfileMetricsExport implements AutoCloseable {
    private final MetricRegistry registry;
    private final List<MetricID> registered;

    private MicroProfileMetricsExport(MetricRegistry registry, List<MetricID> registered) {
        this.registry = registry;
        this.registered = registered;
    }

    /** Registers every series in the application registry; {@link #close()} removes them again. */
    static MicroProfileMetricsExport register(List<MetricSeries> series, TokengateMetrics metrics) {
        MetricRegistry registry = CdiBeans.find(ApplicationRegistry.class).flatMap(ApplicationRegistry::registry).orElseThrow(
                () -> new IllegalStateException("the server offers the application no MetricRegistry bean"));
        List<MetricID> registered = new ArrayList<>();
        try {
            for (MetricSeries one : series) {
                Tag[] tags = one.tags().entrySet().stream().map(t -> new Tag(t.getKey(), t.getValue())).toArray(Tag[]::new);
                Metadata count = Metadata.builder().withName(one.name()).withDescription(one.description())
                        .withUnit(one.kind() == MetricSeries.Kind.GAUGE ? MetricUnits.SECONDS : MetricUnits.NONE).build();
                registry.gauge(count, metrics, m -> (long) one.value().applyAsDouble(m), tags);
                registered.add(new MetricID(one.name(), tags));
                if (one.kind() == MetricSeries.Kind.TIMED_COUNTER) {
                    String name = one.name() + ".time";
                    Metadata time = Metadata.builder().withName(name)
                            .withDescription(one.description() + ": their total time").withUnit(MetricUnits.SECONDS).build();
                    registry.gauge(time, metrics, m -> one.totalSeconds().applyAsDouble(m), tags);
                    registered.add(new MetricID(name, tags));
                }
            }
        } catch (RuntimeException refused) {
            registered.forEach(registry::remove);
            throw refused;
        }
        return new MicroProfileMetricsExport(registry, List.copyOf(registered));
    }

    @Override
    public void close() {
        for (MetricID id : registered) {
            try {
                registry.remove(id);
            } catch (RuntimeException gone) {
                // the registry went away with the application first
            }
        }
    }
}
