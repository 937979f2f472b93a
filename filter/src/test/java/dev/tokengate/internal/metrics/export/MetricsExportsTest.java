package dev.tokengate.internal.metrics.export;

import dev.tokengate.internal.metrics.MetricSeries;
import dev.tokengate.internal.metrics.TokengateMetrics;
import dev.tokengate.testing.TestClock;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which exports start: here both APIs are on the class path but no CDI container runs, so MicroProfile Metrics (which
 * needs the server's registry bean) is skipped and Micrometer's global registry gets the series.
 */
class MetricsExportsTest {
    final TokengateMetrics metrics = new TokengateMetrics(List.of("default"), List.of(true), new TestClock());
    // the global registry is a composite: without a registry in it, its meters read zero
    final SimpleMeterRegistry simple = new SimpleMeterRegistry();

    @BeforeEach
    void addARegistryToTheGlobalOne() {
        Metrics.addRegistry(simple);
    }

    @AfterEach
    void removeIt() {
        Metrics.removeRegistry(simple);
    }

    @Test
    void withoutAMetricRegistryBeanOnlyMicrometerIsExportedTo() {
        try (MetricsExports exports = MetricsExports.start(metrics, "/exports-test")) {
            assertThat(exports.size()).isEqualTo(1);
            metrics.accepted("default");
            assertThat(Metrics.globalRegistry.get(MetricSeries.ACCEPTED).tags("application", "/exports-test")
                    .functionCounter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void closingTakesTheSeriesOutOfTheGlobalRegistry() {
        MetricsExports.start(metrics, "/exports-closed").close();
        assertThat(Metrics.globalRegistry.find(MetricSeries.ACCEPTED).tags("application", "/exports-closed").meters())
                .isEmpty();
    }
}
