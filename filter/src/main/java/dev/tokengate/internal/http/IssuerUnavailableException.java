package dev.tokengate.internal.http;

/**
 * The issuer could not be asked, or gave no usable answer. The token in hand may be fine: callers answer 503, never 401.
 * Carries no stack trace: it is an expected outcome, and an outage must not flood logs with them.
 */
public final class IssuerUnavailableException extends Exception {
    public IssuerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
