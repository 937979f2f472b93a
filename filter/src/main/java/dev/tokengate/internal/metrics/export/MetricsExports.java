package dev.tokengate.internal.metrics.export;

import dev.tokengate.internal.OptionalApis;
import dev.tokengate.internal.metrics.MetricSeries;
import dev.tokengate.internal.metrics.TokengateMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Exports an application's counters to the metrics APIs it can see: MicroProfile Metrics where the server has it,
 * Micrometer where the application (or the server) puts it on the class path. Nothing here names either API; each
 * export's class is loaded only after its API was found, so a server with neither never loads a class it could not
 * link. An export that fails costs only itself (one INFO line): the JMX view and the filter work on.
 */
public final class MetricsExports implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");
    static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    static final String MICROPROFILE_METRICS = "org.eclipse.microprofile.metrics.MetricRegistry";
    static final String CDI = "jakarta.enterprise.inject.spi.CDI";

    private final List<AutoCloseable> exports;

    private MetricsExports(List<AutoCloseable> exports) {
        this.exports = exports;
    }

    /** Registers the application's series with every API found; {@link #close()} takes them away when it stops. */
    public static MetricsExports start(TokengateMetrics metrics, String application) {
        List<MetricSeries> series = MetricSeries.of(metrics, application);
        List<AutoCloseable> exports = new ArrayList<>();
        if (OptionalApis.present(MICROPROFILE_METRICS) && OptionalApis.present(CDI)) {
            try {
                exports.add(MicroProfileMetricsExport.register(series, metrics));
                LOG.log(System.Logger.Level.INFO, "tokengate: counters of {0} exported to MicroProfile Metrics", application);
            } catch (RuntimeException | LinkageError refused) {
                LOG.log(System.Logger.Level.INFO, "tokengate: no MicroProfile Metrics export for {0} ({1}); JMX has the counters",
                        application, refused.getClass().getSimpleName());
            }
        }
        if (OptionalApis.present(MICROMETER)) {
            try {
                MicrometerExport export = MicrometerExport.register(MicrometerExport.applicationRegistry(), series, metrics);
                exports.add(export);
                LOG.log(System.Logger.Level.INFO, "tokengate: counters of {0} exported to {1}", application, export.registryName());
            } catch (RuntimeException | LinkageError refused) {
                LOG.log(System.Logger.Level.INFO, "tokengate: no Micrometer export for {0} ({1}); JMX has the counters",
                        application, refused.getClass().getSimpleName());
            }
        }
        return new MetricsExports(List.copyOf(exports));
    }

    /** How many APIs the counters went to. */
    public int size() {
        return exports.size();
    }

    @Override
    public void close() {
        for (AutoCloseable export : exports) {
            try {
                export.close();
            } catch (Exception gone) {
                // the registry went away with the application first
            }
        }
    }
}
