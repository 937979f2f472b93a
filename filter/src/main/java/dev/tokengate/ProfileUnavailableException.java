package dev.tokengate;

import java.time.Duration;

/**
 * The caller's profile was asked for, but the issuer's userinfo endpoint could not be reached. The JAX-RS binding
 * answers it with 503 and {@code Retry-After}; elsewhere, catch it and do the same.
 */
public final class ProfileUnavailableException extends RuntimeException {
    private final Duration retryAfter;

    public ProfileUnavailableException(Duration retryAfter) {
        super("the issuer's userinfo endpoint cannot be reached", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
