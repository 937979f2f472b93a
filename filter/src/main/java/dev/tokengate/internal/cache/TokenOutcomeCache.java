package dev.tokengate.internal.cache;

import dev.tokengate.internal.metrics.IssuerMetrics;

import dev.tokengate.Authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Remembers what the issuer said about a token, so it is asked once, not on every request.
 * <ul>
 *   <li>Keyed by the SHA-256 of the token: the token itself is never kept as a key.</li>
 *   <li>Each entry lives until the expiry its loader gives it, which the loader bounds by the configured TTL and the
 *       token's own {@code exp} (positive answers) or by the short negative TTL (rejections); an {@code Unavailable}
 *       answer is not kept at all.</li>
 *   <li>Bounded: past {@code maxEntries}, expired entries go first, then arbitrary ones, until a tenth is free.</li>
 *   <li>Single-flight: requests that arrive with the same uncached token while it is being checked wait for that one
 *       check (at most {@code waitLimit}) instead of making their own call.</li>
 * </ul>
 */
public final class TokenOutcomeCache {

    /** What a loader found, and until when (epoch millis) it may be reused; a time not in the future: not at all. */
    public record Loaded(Authentication outcome, long reusableUntilMillis) {
    }

    /** Checks a token with the issuer. Never throws for what the issuer or the client did. */
    @FunctionalInterface
    public interface Loader {
        Loaded load(String token);
    }

    private static final class Entry {
        final CompletableFuture<Authentication> outcome = new CompletableFuture<>();
        volatile long expiresAtMillis = Long.MAX_VALUE;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final IssuerMetrics metrics;
    private final int maxEntries;
    private final Clock clock;
    private final Duration waitLimit;
    private final Authentication whenWaitFails;

    public TokenOutcomeCache(int maxEntries, Clock clock, Duration waitLimit, Authentication whenWaitFails) {
        this(maxEntries, clock, waitLimit, whenWaitFails, IssuerMetrics.NONE);
    }

    public TokenOutcomeCache(int maxEntries, Clock clock, Duration waitLimit, Authentication whenWaitFails,
                             IssuerMetrics metrics) {
        this.metrics = metrics;
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.waitLimit = waitLimit;
        this.whenWaitFails = whenWaitFails;
    }

    public Authentication get(String token, Loader loader) {
        String key = key(token);
        while (true) {
            Entry existing = entries.get(key);
            if (existing != null) {
                if (!existing.outcome.isDone()) {
                    return await(existing);
                }
                if (clock.millis() < existing.expiresAtMillis) {
                    metrics.cache(IssuerMetrics.Cache.ISSUER_ANSWERS, IssuerMetrics.CacheEvent.HIT);
                    return existing.outcome.join();
                }
                entries.remove(key, existing);
                continue;
            }
            Entry mine = new Entry();
            if (entries.putIfAbsent(key, mine) != null) {
                continue;
            }
            evictIfFull();
            metrics.cache(IssuerMetrics.Cache.ISSUER_ANSWERS, IssuerMetrics.CacheEvent.MISS);
            Loaded loaded;
            try {
                loaded = loader.load(token);
            } catch (RuntimeException | Error unexpected) {
                // Whatever went wrong, no waiter may hang on this entry and no entry may outlive it.
                entries.remove(key, mine);
                mine.outcome.complete(whenWaitFails);
                throw unexpected;
            }
            mine.expiresAtMillis = loaded.reusableUntilMillis();
            mine.outcome.complete(loaded.outcome());
            if (loaded.reusableUntilMillis() <= clock.millis()) {
                entries.remove(key, mine);
            }
            return loaded.outcome();
        }
    }

    public int size() {
        return entries.size();
    }

    private Authentication await(Entry entry) {
        try {
            return entry.outcome.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenWaitFails;
        } catch (ExecutionException | TimeoutException e) {
            return whenWaitFails;
        }
    }

    private void evictIfFull() {
        if (entries.size() <= maxEntries) {
            return;
        }
        long now = clock.millis();
        // an entry whose answer is still being fetched is never dropped: its waiters hold it
        int dropped = Eviction.makeRoom(entries, maxEntries, entry -> entry.outcome.isDone() && now >= entry.expiresAtMillis,
                entry -> entry.outcome.isDone());
        for (int i = 0; i < dropped; i++) {
            metrics.cache(IssuerMetrics.Cache.ISSUER_ANSWERS, IssuerMetrics.CacheEvent.EVICTION);
        }
    }

    /** Base64url SHA-256: one-way, so the map's keys give away no token (positive answers still hold theirs). */
    static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
