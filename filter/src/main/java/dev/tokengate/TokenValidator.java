package dev.tokengate;

/**
 * Checks one bearer token. Implementations never throw for anything a client can send: every outcome is an
 * {@link Authentication.Authenticated}, {@link Authentication.Rejected} or {@link Authentication.Unavailable}.
 */
@FunctionalInterface
public interface TokenValidator {
    /**
     * @param token the bearer token as the client sent it
     * @return the outcome; never {@code null}
     */
    Authentication validate(String token);
}
