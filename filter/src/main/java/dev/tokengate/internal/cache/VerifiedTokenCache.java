package dev.tokengate.internal.cache;

import dev.tokengate.internal.metrics.IssuerMetrics;

import dev.tokengate.VerifiedToken;

import java.security.Key;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * JWTs that already passed every check, so a token seen before costs a map lookup instead of a signature check.
 * An entry is used only while its time limit holds (checked on every use: {@code exp}, and the maximum age if one is
 * configured, both with the clock skew) and while the key that verified it is still among the current keys, so a key
 * removed from the JWKS takes its tokens with it. Bounded: past {@code maxEntries}, expired entries go first, then
 * arbitrary ones, until a tenth is free. Keyed by the token text itself, which the cached principal holds anyway.
 */
public final class VerifiedTokenCache {

    private record Entry(VerifiedToken token, Key verifiedWith, long usableUntilSecond) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final IssuerMetrics metrics;

    public VerifiedTokenCache(int maxEntries) {
        this(maxEntries, IssuerMetrics.NONE);
    }

    public VerifiedTokenCache(int maxEntries, IssuerMetrics metrics) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.metrics = metrics;
    }

    /**
     * The cached token, if it is still usable at {@code nowSecond} and its key passes {@code keyStillTrusted};
     * otherwise {@code null} (and a dead entry is dropped).
     */
    public VerifiedToken get(String token, long nowSecond, Predicate<Key> keyStillTrusted) {
        Entry entry = entries.get(token);
        if (entry == null) {
            metrics.cache(IssuerMetrics.Cache.VERIFIED_TOKENS, IssuerMetrics.CacheEvent.MISS);
            return null;
        }
        if (nowSecond >= entry.usableUntilSecond() || !keyStillTrusted.test(entry.verifiedWith())) {
            entries.remove(token, entry);
            metrics.cache(IssuerMetrics.Cache.VERIFIED_TOKENS, IssuerMetrics.CacheEvent.MISS);
            return null;
        }
        metrics.cache(IssuerMetrics.Cache.VERIFIED_TOKENS, IssuerMetrics.CacheEvent.HIT);
        return entry.token();
    }

    /** Remembers a token verified with {@code key}, usable until {@code usableUntilSecond} (exclusive). */
    public void put(VerifiedToken token, Key key, long usableUntilSecond, long nowSecond) {
        if (usableUntilSecond <= nowSecond) {
            return;
        }
        if (entries.size() >= maxEntries) {
            evict(nowSecond);
        }
        entries.put(token.getRawToken(), new Entry(token, key, usableUntilSecond));
    }

    public int size() {
        return entries.size();
    }

    private void evict(long nowSecond) {
        int dropped = Eviction.makeRoom(entries, maxEntries, entry -> nowSecond >= entry.usableUntilSecond(), entry -> true);
        for (int i = 0; i < dropped; i++) {
            metrics.cache(IssuerMetrics.Cache.VERIFIED_TOKENS, IssuerMetrics.CacheEvent.EVICTION);
        }
    }
}
