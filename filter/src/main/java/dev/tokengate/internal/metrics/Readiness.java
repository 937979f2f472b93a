package dev.tokengate.internal.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Whether the application's issuers can be relied on, as readiness checks ask it: published in the
 * {@code ServletContext} under {@link #ATTRIBUTE} while the application runs, so that a MicroProfile Health check (or
 * anything else) finds it without knowing tokengate's servlet edge. Liveness is never tokengate's business: an issuer
 * outage is no reason to restart the application.
 */
public final class Readiness {
    public static final String ATTRIBUTE = "dev.tokengate.readiness";

    private final TokengateMetrics metrics;
    private final Duration failureThreshold;

    public Readiness(TokengateMetrics metrics, Duration failureThreshold) {
        this.metrics = metrics;
        this.failureThreshold = failureThreshold;
    }

    /** @return empty when ready; otherwise one line per issuer that is not, with its last error (never a secret) */
    public List<String> problems() {
        return metrics.notReady(failureThreshold);
    }
}
