package dev.tokengate.internal.opaque;

import dev.tokengate.internal.json.StrictJson;
import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.TokenValidator;
import dev.tokengate.internal.cache.TokenOutcomeCache;
import dev.tokengate.internal.cache.TokenOutcomeCache.Loaded;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.http.IssuerUnavailableException;
import dev.tokengate.internal.http.LogThrottle;
import dev.tokengate.internal.http.RetryBackoff;
import dev.tokengate.internal.metrics.IssuerMetrics;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What every "ask the issuer about this token" validator shares: the answer cache, the bounded HTTP call, and the
 * rule that an issuer which cannot be reached or answers nonsense makes the request {@code Unavailable} (503, not
 * cached), never invalid. Subclasses say how to ask and how to read the answer.
 */
abstract class IssuerCheck implements TokenValidator {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    /** At most one warning per ten seconds: an outage is logged, not flooded. */
    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;

    private final String name;
    private final IssuerEndpoint endpoint;
    private final java.util.concurrent.atomic.AtomicLong callsResumeAt = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    private final LogThrottle warnings = new LogThrottle(1, WARNING_INTERVAL_NANOS, System.nanoTime() - WARNING_INTERVAL_NANOS);
    private final IssuerHttpClient http;
    private final TokenOutcomeCache cache;
    protected final IssuerQuerySettings settings;
    protected final Clock clock;
    protected final Authentication unavailable;
    /** After a failed call, calls stop for 1 s, then 2 s, 4 s ... up to the Retry-After clients are given. */
    private final long maxBackoffMillis;

    private final IssuerMetrics metrics;
    private final IssuerMetrics.Call call;

    IssuerCheck(String name, IssuerEndpoint endpoint, IssuerQuerySettings settings, IssuerHttpClient http, Clock clock,
                Duration retryAfter, IssuerMetrics metrics, IssuerMetrics.Call call) {
        this.name = name;
        this.metrics = metrics;
        this.call = call;
        this.endpoint = endpoint;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.unavailable = new Authentication.Unavailable(retryAfter);
        this.maxBackoffMillis = Math.max(1000, retryAfter.toMillis());
        this.cache = new TokenOutcomeCache(settings.cacheMaxEntries(), clock,
                Duration.ofMillis(http.deadlineMillis() * 2), unavailable, metrics);
    }

    @Override
    public final Authentication validate(String token) {
        return cache.get(token, this::ask);
    }

    /** The request that asks the issuer about {@code token}. */
    abstract HttpRequest.Builder request(URI uri, String token);

    /** What the issuer's answer means, and for how long it may be reused. */
    abstract Loaded interpret(String token, IssuerHttpClient.Response response);

    private Loaded ask(String token) {
        if (clock.millis() < callsResumeAt.get()) {
            return new Loaded(unavailable, 0);
        }
        Loaded answer;
        long started = System.nanoTime();
        String failure = null;
        try {
            answer = interpret(token, IssuerHttpClient.await(
                    endpoint.uri().thenCompose(uri -> http.sendAsync(request(uri, token))), http.deadlineMillis() * 2));
        } catch (IssuerUnavailableException e) {
            failure = e.getMessage();
            answer = unavailable(failure);
        }
        boolean unusable = answer.outcome() instanceof Authentication.Unavailable;
        metrics.call(call, !unusable, System.nanoTime() - started,
                unusable ? (failure != null ? failure : "the answer could not be used") : null);
        if (unusable) {
            int failed = failures.incrementAndGet();
            callsResumeAt.set(clock.millis() + RetryBackoff.afterFailures(failed, maxBackoffMillis));
        } else {
            failures.set(0);
        }
        return answer;
    }

    /** The issuer is the problem, not the token: 503, not cached, and calls back off for a while. */
    final Loaded unavailable(String why) {
        long suppressed = warnings.admit(System.nanoTime());
        if (suppressed >= 0) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: {0} failed: {1}{2}", name, why,
                    LogThrottle.suppressedNote(suppressed));
        }
        return new Loaded(unavailable, 0);
    }

    final Loaded rejected(RejectionReason reason) {
        return new Loaded(new Authentication.Rejected(reason), clock.millis() + settings.negativeCacheTtl().toMillis());
    }

    /**
     * Whether the issuer could not even read a request about this token (malformed, too large): then the token is the
     * problem, not the issuer.
     */
    static boolean refusedAsUnreadable(int status) {
        return status == 400 || status == 413 || status == 414 || status == 431;
    }

    /** The answer's JSON object, or {@code null} when it is none. */
    static Map<String, Object> jsonObject(IssuerHttpClient.Response response) {
        return StrictJson.object(response.body()).orElse(null);
    }
}
