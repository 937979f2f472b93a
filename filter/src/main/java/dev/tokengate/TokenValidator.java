package dev.tokengate;

/**
 * Checks one bearer token. Implementations never throw for anything a client can send: every outcome is an
 * {@link Authentication.Authenticated}, {@link Authentication.Rejected} or {@link Authentication.Unavailable}.
 */
@FunctionalInterface
public interface TokenValidator {
    Authentication validate(String token);
}
