package dev.tokengate.internal.metrics;

import dev.tokengate.RejectionReason;
import dev.tokengate.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The series every metrics API gets: fixed in number, labelled from closed sets, reading the live counters. */
class MetricSeriesTest {
    final TestClock clock = new TestClock();
    final TokengateMetrics metrics = new TokengateMetrics(List.of("default", "partner"), List.of(true, false), clock);

    @Test
    void theNumberOfSeriesIsFixedByTheConfigurationAlone() {
        int reasons = RejectionReason.values().length;
        // accepted per issuer; refused per reason × (issuers + unknown); 3 calls × 2 outcomes, 2 caches × 3 events per
        // issuer; one key-set age for the issuer that fetches keys
        assertThat(MetricSeries.of(metrics, "/api")).hasSize(2 + reasons * 3 + 2 * 6 + 2 * 6 + 1);
    }

    @Test
    void everySeriesNamesItsApplicationAndOnlyClosedSetLabels() {
        assertThat(MetricSeries.of(metrics, "/api")).allSatisfy(series -> {
            assertThat(series.tags()).containsEntry("application", "/api");
            assertThat(series.tags().keySet()).isSubsetOf("application", "issuer", "reason", "call", "outcome", "cache", "event");
            assertThat(series.tags().get("issuer")).isIn("default", "partner", "unknown");
        });
    }

    @Test
    void theRootApplicationIsNamedWithASlash() {
        assertThat(MetricSeries.of(metrics, "")).allSatisfy(series -> assertThat(series.tags()).containsEntry("application", "/"));
    }

    @Test
    void aSeriesReadsTheCounterWhenAsked() {
        MetricSeries expiredAtPartner = find(MetricSeries.REFUSED, Map.of("reason", "expired", "issuer", "partner"));
        assertThat(expiredAtPartner.value().applyAsDouble(metrics)).isZero();
        metrics.refused(RejectionReason.EXPIRED, "partner");
        assertThat(expiredAtPartner.value().applyAsDouble(metrics)).isEqualTo(1.0);
    }

    @Test
    void issuerCallsCarryTheirTotalTime() {
        metrics.forIssuer("default").call(IssuerMetrics.Call.JWKS, true, 250_000_000L, null);
        MetricSeries jwks = find(MetricSeries.ISSUER_CALLS, Map.of("issuer", "default", "call", "jwks", "outcome", "success"));
        assertThat(jwks.kind()).isEqualTo(MetricSeries.Kind.TIMED_COUNTER);
        assertThat(jwks.value().applyAsDouble(metrics)).isEqualTo(1.0);
        assertThat(jwks.totalSeconds().applyAsDouble(metrics)).isEqualTo(0.25);
    }

    @Test
    void theKeySetAgeIsMinusOneUntilTheFirstSetThenItsAge() {
        MetricSeries age = find(MetricSeries.KEY_SET_AGE, Map.of("issuer", "default"));
        assertThat(age.value().applyAsDouble(metrics)).isEqualTo(-1.0);
        metrics.forIssuer("default").keySetLoaded(clock.millis());
        clock.advance(java.time.Duration.ofSeconds(90));
        assertThat(age.value().applyAsDouble(metrics)).isEqualTo(90.0);
    }

    @Test
    void anIssuerWithoutAKeySetHasNoAgeSeries() {
        assertThat(MetricSeries.of(metrics, "/api")).noneMatch(series -> series.name().equals(MetricSeries.KEY_SET_AGE)
                && "partner".equals(series.tags().get("issuer")));
    }

    private MetricSeries find(String name, Map<String, String> tags) {
        return MetricSeries.of(metrics, "/api").stream()
                .filter(series -> series.name().equals(name) && series.tags().entrySet().containsAll(tags.entrySet()))
                .findFirst().orElseThrow();
    }
}
