package dev.tokengate.internal.metrics;

/**
 * What one trusted issuer's components report: calls to the issuer by kind and outcome with their duration, key
 * sets loaded, and their caches' hits, misses and evictions. {@link #NONE} ignores everything (tests, benchmarks).
 */
public interface IssuerMetrics {

    /** The calls tokengate makes to an issuer. */
    enum Call {
        JWKS, INTROSPECTION, USERINFO;

        /** The label: {@code jwks}, {@code introspection}, {@code userinfo}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The caches tokengate keeps per issuer. */
    enum Cache {
        VERIFIED_TOKENS, ISSUER_ANSWERS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What happened in a cache. */
    enum CacheEvent {
        HIT, MISS, EVICTION;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param error why a failed call failed, in tokengate's words (a status, a timeout; never a token or a secret);
     *              {@code null} for a success
     */
    void call(Call call, boolean succeeded, long nanos, String error);

    /** A key set was loaded (fetched and parsed) at {@code epochMillis}. */
    void keySetLoaded(long epochMillis);

    void cache(Cache cache, CacheEvent event);

    IssuerMetrics NONE = new IssuerMetrics() {
        @Override
        public void call(Call call, boolean succeeded, long nanos, String error) {
        }

        @Override
        public void keySetLoaded(long epochMillis) {
        }

        @Override
        public void cache(Cache cache, CacheEvent event) {
        }
    };
}
