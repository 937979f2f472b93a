package dev.tokengate.internal.metrics;

import dev.tokengate.RejectionReason;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One application's counters: tokens accepted per issuer, refusals per reason and issuer, calls to each issuer by
 * kind and outcome with their total time, the time each issuer's key set was last loaded, and cache events. Every label
 * comes from a closed set (the configured issuers' names, {@link #UNKNOWN_ISSUER}, the reasons, the call kinds), so
 * the number of series is fixed at startup: no token, subject or path ever becomes a label. Recording is a
 * {@link LongAdder} increment found by array index: cheap on the hot path and free of contention.
 *
 * <p>It also keeps what readiness needs: whether each issuer that fetches its keys has ever loaded a set, and since
 * when its introspection or userinfo calls have failed without a success in between.
 */
public final class TokengateMetrics {
    /** The issuer label of a refused token whose {@code iss} is no configured issuer's (or that has none). */
    public static final String UNKNOWN_ISSUER = "unknown";

    private final List<String> issuers;
    private final LongAdder[] accepted;
    private final LongAdder[][] refused;
    private final LongAdder[][][] calls;
    private final LongAdder[][][] callNanos;
    private final AtomicLong[] keySetLoadedAt;
    private final boolean[] fetchesKeys;
    private final AtomicLong[] failingSince;
    private final AtomicReference<String>[] lastError;
    private final LongAdder[][][] cacheEvents;
    private final Clock clock;

    /**
     * @param issuerNames  the configured issuers' names, {@code default} first
     * @param fetchesKeys  for each, whether its keys come from a JWKS (so readiness waits for the first set)
     */
    @SuppressWarnings("unchecked")
    public TokengateMetrics(List<String> issuerNames, List<Boolean> fetchesKeys, Clock clock) {
        List<String> all = new ArrayList<>(issuerNames);
        all.add(UNKNOWN_ISSUER);
        this.issuers = List.copyOf(all);
        this.clock = clock;
        int n = issuers.size();
        accepted = adders(n);
        refused = new LongAdder[RejectionReason.values().length][];
        for (int i = 0; i < refused.length; i++) {
            refused[i] = adders(n);
        }
        calls = new LongAdder[IssuerMetrics.Call.values().length][2][];
        callNanos = new LongAdder[IssuerMetrics.Call.values().length][2][];
        for (int c = 0; c < calls.length; c++) {
            for (int outcome = 0; outcome < 2; outcome++) {
                calls[c][outcome] = adders(n);
                callNanos[c][outcome] = adders(n);
            }
        }
        cacheEvents = new LongAdder[IssuerMetrics.Cache.values().length][IssuerMetrics.CacheEvent.values().length][];
        for (int c = 0; c < cacheEvents.length; c++) {
            for (int e = 0; e < cacheEvents[c].length; e++) {
                cacheEvents[c][e] = adders(n);
            }
        }
        keySetLoadedAt = new AtomicLong[n];
        failingSince = new AtomicLong[n];
        lastError = new AtomicReference[n];
        this.fetchesKeys = new boolean[n];
        for (int i = 0; i < n; i++) {
            keySetLoadedAt[i] = new AtomicLong();
            failingSince[i] = new AtomicLong();
            lastError[i] = new AtomicReference<>();
            this.fetchesKeys[i] = i < fetchesKeys.size() && fetchesKeys.get(i);
        }
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** The issuer names that label series, {@link #UNKNOWN_ISSUER} last. */
    public List<String> issuers() {
        return issuers;
    }

    private int indexOf(String issuerName) {
        int index = issuerName == null ? -1 : issuers.indexOf(issuerName);
        return index < 0 ? issuers.size() - 1 : index;
    }

    public void accepted(String issuerName) {
        accepted[indexOf(issuerName)].increment();
    }

    public void refused(RejectionReason reason, String issuerName) {
        refused[reason.ordinal()][indexOf(issuerName)].increment();
    }

    /** The reporting view for one issuer's components. */
    public IssuerMetrics forIssuer(String issuerName) {
        int issuer = indexOf(issuerName);
        return new IssuerMetrics() {
            @Override
            public void call(Call call, boolean succeeded, long nanos, String error) {
                int outcome = succeeded ? 0 : 1;
                calls[call.ordinal()][outcome][issuer].increment();
                callNanos[call.ordinal()][outcome][issuer].add(Math.max(0, nanos));
                if (call == Call.JWKS) {
                    if (!succeeded) {
                        lastError[issuer].set("JWKS: " + error);
                    }
                    return;
                }
                if (succeeded) {
                    failingSince[issuer].set(0);
                } else {
                    failingSince[issuer].compareAndSet(0, clock.millis());
                    lastError[issuer].set(call.label() + ": " + error);
                }
            }

            @Override
            public void keySetLoaded(long epochMillis) {
                keySetLoadedAt[issuer].set(epochMillis);
            }

            @Override
            public void cache(Cache cache, CacheEvent event) {
                cacheEvents[cache.ordinal()][event.ordinal()][issuer].increment();
            }
        };
    }

    /** Tokens accepted, by issuer (every configured issuer, zeros included). */
    public Map<String, Long> acceptedByIssuer() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < issuers.size() - 1; i++) {
            counts.put(issuers.get(i), accepted[i].sum());
        }
        return counts;
    }

    /** Refusals by {@code reason} and issuer, as {@code "<reason> <issuer>"}; only those that happened. */
    public Map<String, Long> refusals() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RejectionReason reason : RejectionReason.values()) {
            for (int i = 0; i < issuers.size(); i++) {
                long count = refused[reason.ordinal()][i].sum();
                if (count > 0) {
                    counts.put(reason.name().toLowerCase(java.util.Locale.ROOT) + " " + issuers.get(i), count);
                }
            }
        }
        return counts;
    }

    /** The count of one series, for bridges that register each series on its own. */
    public long refusals(RejectionReason reason, String issuerName) {
        return refused[reason.ordinal()][indexOf(issuerName)].sum();
    }

    public long acceptedCount(String issuerName) {
        return accepted[indexOf(issuerName)].sum();
    }

    public long calls(IssuerMetrics.Call call, boolean succeeded, String issuerName) {
        return calls[call.ordinal()][succeeded ? 0 : 1][indexOf(issuerName)].sum();
    }

    public double callSeconds(IssuerMetrics.Call call, boolean succeeded, String issuerName) {
        return callNanos[call.ordinal()][succeeded ? 0 : 1][indexOf(issuerName)].sum() / 1e9;
    }

    public long cacheEvents(IssuerMetrics.Cache cache, IssuerMetrics.CacheEvent event, String issuerName) {
        return cacheEvents[cache.ordinal()][event.ordinal()][indexOf(issuerName)].sum();
    }

    /** Calls to issuers, as {@code "<call> <issuer> <success|failure>"}; only those that happened. */
    public Map<String, Long> issuerCalls() {
        Map<String, Long> counts = new LinkedHashMap<>();
        forEachCall((key, c, outcome, i) -> counts.put(key, calls[c][outcome][i].sum()));
        return counts;
    }

    /** Total seconds spent in calls to issuers, keyed as {@link #issuerCalls()}. */
    public Map<String, Double> issuerCallSeconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        forEachCall((key, c, outcome, i) -> seconds.put(key, callNanos[c][outcome][i].sum() / 1e9));
        return seconds;
    }

    private interface CallVisitor {
        void visit(String key, int call, int outcome, int issuer);
    }

    private void forEachCall(CallVisitor visitor) {
        for (IssuerMetrics.Call call : IssuerMetrics.Call.values()) {
            for (int i = 0; i < issuers.size(); i++) {
                for (int outcome = 0; outcome < 2; outcome++) {
                    if (calls[call.ordinal()][outcome][i].sum() > 0) {
                        visitor.visit(call.label() + " " + issuers.get(i) + (outcome == 0 ? " success" : " failure"),
                                call.ordinal(), outcome, i);
                    }
                }
            }
        }
    }

    /** Cache events, as {@code "<cache> <issuer> <hit|miss|eviction>"}; only those that happened. */
    public Map<String, Long> cacheEvents() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (IssuerMetrics.Cache cache : IssuerMetrics.Cache.values()) {
            for (int i = 0; i < issuers.size(); i++) {
                for (IssuerMetrics.CacheEvent event : IssuerMetrics.CacheEvent.values()) {
                    long count = cacheEvents[cache.ordinal()][event.ordinal()][i].sum();
                    if (count > 0) {
                        counts.put(cache.label() + " " + issuers.get(i) + " " + event.label(), count);
                    }
                }
            }
        }
        return counts;
    }

    /** Seconds since each key-fetching issuer last loaded its keys; {@code -1} while it never has. */
    public Map<String, Long> keySetAgeSeconds() {
        Map<String, Long> ages = new LinkedHashMap<>();
        for (int i = 0; i < issuers.size() - 1; i++) {
            if (fetchesKeys[i]) {
                ages.put(issuers.get(i), keySetAge(i));
            }
        }
        return ages;
    }

    /** Seconds since this issuer last loaded its keys; {@code -1} while it never has (or never fetches any). */
    public long keySetAgeSeconds(String issuerName) {
        int index = indexOf(issuerName);
        return fetchesKeys[index] ? keySetAge(index) : -1;
    }

    private long keySetAge(int issuer) {
        long loaded = keySetLoadedAt[issuer].get();
        return loaded == 0 ? -1 : Math.max(0, (clock.millis() - loaded) / 1000);
    }

    /**
     * Readiness: down while an issuer that fetches its keys has never loaded a set, or while an issuer's introspection
     * or userinfo calls have failed, with no success between, for longer than {@code failureThreshold}.
     *
     * @return empty when ready; otherwise one line per issuer that is not, naming it and its last error
     */
    public List<String> notReady(Duration failureThreshold) {
        List<String> problems = new ArrayList<>();
        long now = clock.millis();
        for (int i = 0; i < issuers.size() - 1; i++) {
            String error = lastError[i].get();
            if (fetchesKeys[i] && keySetLoadedAt[i].get() == 0) {
                problems.add(issuers.get(i) + ": no key set loaded yet" + (error == null ? "" : "; last error: " + error));
            }
            long since = failingSince[i].get();
            if (since != 0 && now - since > failureThreshold.toMillis()) {
                problems.add(issuers.get(i) + ": calls failing for " + (now - since) / 1000 + " s; last error: " + error);
            }
        }
        return problems;
    }
}
