package dev.tokengate.internal.http;

/**
 * How long calls to a failing issuer wait before the next try: 1 s after the first failure, doubling with each one
 * after it (2 s, 4 s ...), never longer than the caller's ceiling. Shared by the JWKS fetch and the opaque-token calls,
 * so an outage is handled the same way whichever endpoint it hits.
 */
public final class RetryBackoff {
    private RetryBackoff() {
    }

    /** The wait after {@code failures} failures in a row (at least 1), in milliseconds. */
    public static long afterFailures(int failures, long ceilingMillis) {
        return Math.min(1000L << Math.min(Math.max(failures, 1) - 1, 20), ceilingMillis);
    }
}
