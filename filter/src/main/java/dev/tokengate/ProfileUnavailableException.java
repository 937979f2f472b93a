package dev.tokengate;

import java.time.Duration;

/**
 * The caller's profile was asked for, but the issuer's userinfo endpoint could not be reached. The JAX-RS binding
 * answers it with 503 and {@code Retry-After}; elsewhere, catch it and do the same.
 */
public final class ProfileUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How long the client should wait before trying again. */
    private final Duration retryAfter;

    /**
     * Creates the exception without a stack trace: it is an expected outcome, answered with 503.
     *
     * @param retryAfter how long the client should wait before trying again
     */
    public ProfileUnavailableException(Duration retryAfter) {
        super("the issuer's userinfo endpoint cannot be reached", null, false, false);
        this.retryAfter = retryAfter;
    }

    /**
     * How long the client should wait before trying again.
     *
     * @return the delay for the {@code Retry-After} header
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
