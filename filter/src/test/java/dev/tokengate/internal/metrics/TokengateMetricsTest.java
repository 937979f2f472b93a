package dev.tokengate.internal.metrics;

import dev.tokengate.RejectionReason;
import dev.tokengate.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters' labels stay within the configured set, and readiness follows the issuers' keys and calls. */
class TokengateMetricsTest {
    final TestClock clock = new TestClock();
    final TokengateMetrics metrics = new TokengateMetrics(List.of("default", "partner"), List.of(true, false), clock);

    @Test
    void acceptedTokensAreCountedPerIssuerWithEveryIssuerListed() {
        metrics.accepted("default");
        metrics.accepted("default");
        assertThat(metrics.acceptedByIssuer()).containsExactly(java.util.Map.entry("default", 2L),
                java.util.Map.entry("partner", 0L));
    }

    @Test
    void aNameOutsideTheConfiguredSetCountsAsUnknown() {
        metrics.refused(RejectionReason.WRONG_ISSUER, "https://evil.example/");
        metrics.refused(RejectionReason.MALFORMED_TOKEN, null);
        assertThat(metrics.refusals()).containsOnlyKeys("malformed_token unknown", "wrong_issuer unknown");
        assertThat(metrics.issuers()).containsExactly("default", "partner", "unknown");
    }

    @Test
    void refusalsAreCountedByReasonAndIssuer() {
        metrics.refused(RejectionReason.EXPIRED, "partner");
        metrics.refused(RejectionReason.EXPIRED, "partner");
        metrics.refused(RejectionReason.INSUFFICIENT_SCOPE, "default");
        assertThat(metrics.refusals()).containsEntry("expired partner", 2L).containsEntry("insufficient_scope default", 1L)
                .hasSize(2);
        assertThat(metrics.refusals(RejectionReason.EXPIRED, "partner")).isEqualTo(2);
    }

    @Test
    void callsAreCountedByKindIssuerAndOutcomeWithTheirTime() {
        IssuerMetrics partner = metrics.forIssuer("partner");
        partner.call(IssuerMetrics.Call.INTROSPECTION, true, 2_000_000_000L, null);
        partner.call(IssuerMetrics.Call.INTROSPECTION, false, 500_000_000L, "503 from the issuer");
        assertThat(metrics.issuerCalls()).containsEntry("introspection partner success", 1L)
                .containsEntry("introspection partner failure", 1L);
        assertThat(metrics.issuerCallSeconds()).containsEntry("introspection partner success", 2.0)
                .containsEntry("introspection partner failure", 0.5);
    }

    @Test
    void cacheEventsAreCountedPerCacheAndIssuer() {
        IssuerMetrics issuer = metrics.forIssuer("default");
        issuer.cache(IssuerMetrics.Cache.VERIFIED_TOKENS, IssuerMetrics.CacheEvent.HIT);
        issuer.cache(IssuerMetrics.Cache.VERIFIED_TOKENS, IssuerMetrics.CacheEvent.MISS);
        issuer.cache(IssuerMetrics.Cache.ISSUER_ANSWERS, IssuerMetrics.CacheEvent.EVICTION);
        assertThat(metrics.cacheEvents()).containsOnlyKeys("verified-tokens default hit", "verified-tokens default miss",
                "issuer-answers default eviction");
    }

    @Test
    void theKeySetAgeIsKnownOnlyForIssuersThatFetchKeys() {
        assertThat(metrics.keySetAgeSeconds()).containsExactly(java.util.Map.entry("default", -1L));
        metrics.forIssuer("default").keySetLoaded(clock.millis());
        clock.advance(Duration.ofSeconds(42));
        assertThat(metrics.keySetAgeSeconds()).containsEntry("default", 42L);
    }

    @Test
    void notReadyWhileAJwksIssuerHasNeverLoadedKeys() {
        metrics.forIssuer("default").call(IssuerMetrics.Call.JWKS, false, 1, "connection refused");
        assertThat(metrics.notReady(Duration.ofSeconds(60)))
                .containsExactly("default: no key set loaded yet; last error: JWKS: connection refused");
        metrics.forIssuer("default").keySetLoaded(clock.millis());
        assertThat(metrics.notReady(Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void notReadyOnceIntrospectionHasFailedLongerThanTheThreshold() {
        metrics.forIssuer("default").keySetLoaded(clock.millis());
        IssuerMetrics partner = metrics.forIssuer("partner");
        partner.call(IssuerMetrics.Call.INTROSPECTION, false, 1, "timed out");
        clock.advance(Duration.ofSeconds(30));
        assertThat(metrics.notReady(Duration.ofSeconds(60))).isEmpty();
        partner.call(IssuerMetrics.Call.INTROSPECTION, false, 1, "timed out");
        clock.advance(Duration.ofSeconds(31));
        assertThat(metrics.notReady(Duration.ofSeconds(60)))
                .containsExactly("partner: calls failing for 61 s; last error: introspection: timed out");
    }

    @Test
    void oneSuccessfulCallEndsTheFailingSpell() {
        metrics.forIssuer("default").keySetLoaded(clock.millis());
        IssuerMetrics partner = metrics.forIssuer("partner");
        partner.call(IssuerMetrics.Call.USERINFO, false, 1, "500");
        clock.advance(Duration.ofMinutes(5));
        partner.call(IssuerMetrics.Call.USERINFO, true, 1, null);
        assertThat(metrics.notReady(Duration.ofSeconds(60))).isEmpty();
    }
}
