package dev.tokengate.internal.jwt;

import dev.tokengate.internal.metrics.IssuerMetrics;

import dev.tokengate.internal.config.TokengateConfig.JwksSettings;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.http.IssuerUnavailableException;
import dev.tokengate.internal.http.LogThrottle;
import dev.tokengate.internal.http.RetryBackoff;
import dev.tokengate.internal.http.OidcDiscovery;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keys from a JWKS endpoint, found directly or through OIDC discovery, with the lifecycle a resource server needs:
 * <ul>
 *   <li>fetched once and cached; when the cache is older than the refresh interval, the next request starts a
 *       refresh in the background and goes on with the cached keys, so no request waits for a routine refresh and no
 *       thread of ours lives in the application server;</li>
 *   <li>all fetches are single-flight: however many requests need keys at once, one HTTP call is made;</li>
 *   <li>a token with an unknown {@code kid} triggers at most one fetch per unknown-kid interval, so a flood of forged
 *       {@code kid}s cannot turn into a flood of calls to the issuer, yet a rotated key is picked up quickly;</li>
 *   <li>when the endpoint fails, the cached keys keep working, and retries back off exponentially (1 s, 2 s, 4 s ...
 *       up to the refresh interval); with no cached keys at all, requests get {@link IssuerUnavailableException}
 *       (503) at once while backing off, rather than piling onto a dead issuer.</li>
 * </ul>
 */
final class RemoteJwksKeyProvider implements KeyProvider {

    private record Snapshot(VerificationKeys keys, long fetchedAtMillis, long nextAttemptMillis, int failures,
                            String lastError) {
    }

    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final IssuerHttpClient http;
    private final JwksSettings settings;
    private final Clock clock;
    private final JwksLocation location;
    private final IssuerMetrics metrics;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(null, 0, 0, 0, null));
    private final AtomicReference<CompletableFuture<VerificationKeys>> inFlight = new AtomicReference<>();
    private final AtomicLong lastUnknownKidFetch = new AtomicLong(Long.MIN_VALUE / 2);

    public RemoteJwksKeyProvider(JwksLocation location, IssuerHttpClient http, JwksSettings settings, Clock clock) {
        this(location, http, settings, clock, IssuerMetrics.NONE);
    }

    public RemoteJwksKeyProvider(JwksLocation location, IssuerHttpClient http, JwksSettings settings, Clock clock,
                                 IssuerMetrics metrics) {
        this.metrics = metrics;
        this.location = location;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** Where the JWKS lives: a fixed URL, or the {@code jwks_uri} of the issuer's discovery document. */
    public sealed interface JwksLocation {
        record Fixed(URI jwksUri) implements JwksLocation {
        }

        record Discovered(OidcDiscovery discovery) implements JwksLocation {
        }
    }

    /** Starts the first fetch without waiting for it, so the keys are usually there before the first token. */
    public void prefetch() {
        refresh();
    }

    @Override
    public VerificationKeys current() throws IssuerUnavailableException {
        Snapshot current = snapshot.get();
        long now = clock.millis();
        if (current.keys() != null) {
            if (now - current.fetchedAtMillis() >= settings.refreshInterval().toMillis()
                    && now >= current.nextAttemptMillis()) {
                refresh();
            }
            return current.keys();
        }
        if (now < current.nextAttemptMillis()) {
            throw new IssuerUnavailableException("no JWKS yet; last fetch failed: " + current.lastError());
        }
        return IssuerHttpClient.await(refresh(), http.deadlineMillis() * 2);
    }

    @Override
    public VerificationKeys afterUnknownKeyId(String kid) throws IssuerUnavailableException {
        long now = clock.millis();
        long last = lastUnknownKidFetch.get();
        if (now - last < settings.unknownKidInterval().toMillis() || !lastUnknownKidFetch.compareAndSet(last, now)) {
            return current();
        }
        try {
            return IssuerHttpClient.await(refresh(), http.deadlineMillis() * 2);
        } catch (IssuerUnavailableException e) {
            return current();
        }
    }

    /** Starts a fetch unless one is running; either way returns the running one. */
    private CompletableFuture<VerificationKeys> refresh() {
        while (true) {
            CompletableFuture<VerificationKeys> running = inFlight.get();
            if (running != null && !running.isDone()) {
                return running;
            }
            CompletableFuture<VerificationKeys> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(running, mine)) {
                long started = System.nanoTime();
                jwksUri().thenCompose(http::getJsonAsync)
                        .thenApply(KeyParser::fromJwks)
                        .whenComplete((keys, failure) -> {
                            if (failure == null) {
                                metrics.call(IssuerMetrics.Call.JWKS, true, System.nanoTime() - started, null);
                                succeeded(keys);
                                metrics.keySetLoaded(clock.millis());
                                mine.complete(keys);
                            } else {
                                IssuerUnavailableException unavailable = failure instanceof IllegalArgumentException
                                        || failure.getCause() instanceof IllegalArgumentException
                                        ? new IssuerUnavailableException("the JWKS document is not a JWK set")
                                        : IssuerHttpClient.unwrap(failure);
                                metrics.call(IssuerMetrics.Call.JWKS, false, System.nanoTime() - started,
                                        unavailable.getMessage());
                                failed(unavailable);
                                mine.completeExceptionally(unavailable);
                            }
                        });
                return mine;
            }
        }
    }

    private CompletableFuture<URI> jwksUri() {
        if (location instanceof JwksLocation.Fixed fixed) {
            return CompletableFuture.completedFuture(fixed.jwksUri());
        }
        return ((JwksLocation.Discovered) location).discovery().endpoint("jwks_uri");
    }

    /** At most one line a minute while the endpoint fails: an outage is logged, not flooded. */
    private final LogThrottle failureLog = new LogThrottle(1, 60_000_000_000L, System.nanoTime() - 60_000_000_000L);

    /** Refused keys already logged: each is reported once, not at every refresh of the key set. */
    private final java.util.Set<String> reportedRefusals = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void succeeded(VerificationKeys keys) {
        for (String refusal : keys.refused()) {
            if (reportedRefusals.size() < 100 && reportedRefusals.add(refusal)) {
                LOG.log(System.Logger.Level.WARNING, "tokengate: the JWKS at {0} has a key that can never verify safely, "
                        + "and it is ignored: {1}", location instanceof JwksLocation.Fixed fixed ? fixed.jwksUri()
                        : "jwks_uri of the discovery document", refusal);
            }
        }
        snapshot.set(new Snapshot(keys, clock.millis(), 0, 0, null));
    }

    private void failed(IssuerUnavailableException failure) {
        Snapshot before = snapshot.get();
        long suppressed = failureLog.admit(System.nanoTime());
        if (suppressed >= 0) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: fetching the JWKS failed ({0} in a row{1}): {2}{3}",
                    before.failures() + 1, before.keys() == null ? ", no keys yet" : ", cached keys still in use",
                    failure.getMessage(), LogThrottle.suppressedNote(suppressed));
        }
        snapshot.updateAndGet(previous -> {
            int failures = previous.failures() + 1;
            long backoff = RetryBackoff.afterFailures(failures, settings.refreshInterval().toMillis());
            return new Snapshot(previous.keys(), previous.fetchedAtMillis(), clock.millis() + backoff, failures,
                    failure.getMessage());
        });
    }

    /** Shown in logs: where the keys come from and how fresh they are, never the keys themselves. */
    @Override
    public String toString() {
        Snapshot current = snapshot.get();
        return "RemoteJwksKeyProvider[" + location + ", keys=" + (current.keys() == null ? "none" : current.keys().all().size())
                + ", failures=" + current.failures() + "]";
    }
}
