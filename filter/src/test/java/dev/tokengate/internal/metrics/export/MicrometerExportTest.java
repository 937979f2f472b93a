package dev.tokengate.internal.metrics.export;

import dev.tokengate.RejectionReason;
import dev.tokengate.internal.metrics.IssuerMetrics;
import dev.tokengate.internal.metrics.MetricSeries;
import dev.tokengate.internal.metrics.TokengateMetrics;
import dev.tokengate.testing.TestClock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The series as Micrometer meters: counters that follow tokengate's, a timer for issuer calls, removed on stop. */
class MicrometerExportTest {
    final TestClock clock = new TestClock();
    final TokengateMetrics metrics = new TokengateMetrics(List.of("default"), List.of(true), clock);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    MicrometerExport export() {
        return MicrometerExport.register(registry, MetricSeries.of(metrics, "/api"), metrics);
    }

    @Test
    void acceptedTokensAreAFunctionCounterPerIssuer() {
        export();
        metrics.accepted("default");
        metrics.accepted("default");
        FunctionCounter accepted = registry.get(MetricSeries.ACCEPTED).tags("application", "/api", "issuer", "default")
                .functionCounter();
        assertThat(accepted.count()).isEqualTo(2.0);
    }

    @Test
    void refusalsAreCountedByReasonAndIssuer() {
        export();
        metrics.refused(RejectionReason.WRONG_AUDIENCE, "default");
        assertThat(registry.get(MetricSeries.REFUSED).tags("reason", "wrong_audience", "issuer", "default")
                .functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get(MetricSeries.REFUSED).tags("reason", "expired", "issuer", "unknown")
                .functionCounter().count()).isZero();
    }

    @Test
    void issuerCallsAreAFunctionTimerWithCountAndTotalTime() {
        export();
        IssuerMetrics issuer = metrics.forIssuer("default");
        issuer.call(IssuerMetrics.Call.JWKS, false, 1_500_000_000L, "connection refused");
        issuer.call(IssuerMetrics.Call.JWKS, false, 500_000_000L, "connection refused");
        FunctionTimer failures = registry.get(MetricSeries.ISSUER_CALLS)
                .tags("call", "jwks", "outcome", "failure", "issuer", "default").functionTimer();
        assertThat(failures.count()).isEqualTo(2.0);
        assertThat(failures.totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
    }

    @Test
    void theKeySetAgeIsAGaugeInSeconds() {
        export();
        metrics.forIssuer("default").keySetLoaded(clock.millis());
        clock.advance(java.time.Duration.ofSeconds(30));
        Gauge age = registry.get(MetricSeries.KEY_SET_AGE).tags("issuer", "default").gauge();
        assertThat(age.value()).isEqualTo(30.0);
        assertThat(age.getId().getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void cacheEventsAreCountedByCacheAndEvent() {
        export();
        metrics.forIssuer("default").cache(IssuerMetrics.Cache.VERIFIED_TOKENS, IssuerMetrics.CacheEvent.HIT);
        assertThat(registry.get(MetricSeries.CACHE_EVENTS).tags("cache", "verified-tokens", "event", "hit")
                .functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void closingRemovesEveryMeterItRegistered() {
        MicrometerExport export = export();
        assertThat(registry.getMeters()).hasSize(MetricSeries.of(metrics, "/api").size());
        export.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void withoutCdiTheGlobalRegistryIsTheApplicationsRegistry() {
        assertThat(MicrometerExport.applicationRegistry()).isSameAs(Metrics.globalRegistry);
    }
}
