package dev.tokengate.web;

import dev.tokengate.RejectionReason;

/** What a {@link BearerTokenResolver} found in a request. */
sealed interface TokenResolution {
    /**
     * @param token the token
     * @param dpop  whether it came with the {@code DPoP} authorization scheme (RFC 9449 §7.1), so needs a proof
     */
    record Found(String token, boolean dpop) implements TokenResolution {
        Found(String token) {
            this(token, false);
        }
    }

    record Absent() implements TokenResolution {
    }

    /** Something token-like was there but broke the rules: too long, malformed, or in more than one place. */
    record Invalid(RejectionReason reason) implements TokenResolution {
    }

    Absent ABSENT = new Absent();
}
