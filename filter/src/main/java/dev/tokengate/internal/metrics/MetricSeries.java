package dev.tokengate.internal.metrics;

import dev.tokengate.RejectionReason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One series of an application's counters, described once for every metrics API tokengate exports to, so the
 * Micrometer and MicroProfile Metrics exports name and tag the same numbers the same way. Values are read from
 * {@link TokengateMetrics} when the registry asks (at scrape time): nothing is pushed on the request path.
 *
 * @param name        dot-separated, as both APIs expect ({@code tokengate.tokens.refused})
 * @param kind        how the value behaves
 * @param tags        label names and values, all from closed sets, always with {@code application}
 * @param value       the count (or, for a {@link Kind#GAUGE}, the current value)
 * @param totalSeconds for a {@link Kind#TIMED_COUNTER}, the total time of the counted calls; otherwise {@code null}
 */
public record MetricSeries(String name, String description, Kind kind, Map<String, String> tags,
                           ToDoubleFunction<TokengateMetrics> value, ToDoubleFunction<TokengateMetrics> totalSeconds) {

    public enum Kind {
        /** Only ever grows while the application runs. */
        COUNTER,
        /** Goes up and down. */
        GAUGE,
        /** A counter of calls that also knows their total duration. */
        TIMED_COUNTER
    }

    public static final String ACCEPTED = "tokengate.tokens.accepted";
    public static final String REFUSED = "tokengate.tokens.refused";
    public static final String ISSUER_CALLS = "tokengate.issuer.calls";
    public static final String KEY_SET_AGE = "tokengate.keyset.age";
    public static final String CACHE_EVENTS = "tokengate.cache.events";

    public MetricSeries {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * Every series of one application: a number fixed at start-up, whatever the traffic: 40 refusal reasons ×
     * (issuers + 1), and per issuer one accepted, six call and six cache series, and the key-set age with a JWKS.
     *
     * @param application the context path, which keeps two applications' series apart in a server-wide registry
     */
    public static List<MetricSeries> of(TokengateMetrics metrics, String application) {
        String app = application == null || application.isEmpty() ? "/" : application;
        List<String> all = metrics.issuers();
        List<String> configured = all.subList(0, all.size() - 1);
        List<MetricSeries> series = new ArrayList<>();
        for (String issuer : configured) {
            series.add(new MetricSeries(ACCEPTED, "Access tokens accepted", Kind.COUNTER,
                    tags(app, "issuer", issuer), m -> m.acceptedCount(issuer), null));
        }
        for (RejectionReason reason : RejectionReason.values()) {
            String label = reason.name().toLowerCase(Locale.ROOT);
            for (String issuer : all) {
                series.add(new MetricSeries(REFUSED, "Requests refused, by reason and by the issuer the token named",
                        Kind.COUNTER, tags(app, "reason", label, "issuer", issuer), m -> m.refusals(reason, issuer), null));
            }
        }
        for (String issuer : configured) {
            for (IssuerMetrics.Call call : IssuerMetrics.Call.values()) {
                for (boolean succeeded : new boolean[] {true, false}) {
                    series.add(new MetricSeries(ISSUER_CALLS, "Calls to the issuer (JWKS, introspection, userinfo)",
                            Kind.TIMED_COUNTER,
                            tags(app, "issuer", issuer, "call", call.label(), "outcome", succeeded ? "success" : "failure"),
                            m -> m.calls(call, succeeded, issuer), m -> m.callSeconds(call, succeeded, issuer)));
                }
            }
            if (metrics.keySetAgeSeconds().containsKey(issuer)) {
                series.add(new MetricSeries(KEY_SET_AGE, "Seconds since the issuer's key set was loaded; -1 before the first",
                        Kind.GAUGE, tags(app, "issuer", issuer), m -> m.keySetAgeSeconds(issuer), null));
            }
            for (IssuerMetrics.Cache cache : IssuerMetrics.Cache.values()) {
                for (IssuerMetrics.CacheEvent event : IssuerMetrics.CacheEvent.values()) {
                    series.add(new MetricSeries(CACHE_EVENTS, "Cache hits, misses and evictions", Kind.COUNTER,
                            tags(app, "issuer", issuer, "cache", cache.label(), "event", event.label()),
                            m -> m.cacheEvents(cache, event, issuer), null));
                }
            }
        }
        return List.copyOf(series);
    }

    private static Map<String, String> tags(String application, String... namesAndValues) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("application", application);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            tags.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return tags;
    }
}
