package dev.tokengate.web;

import dev.tokengate.RejectionReason;

/** What a {@link BearerTokenResolver} found in a request. */
sealed interface TokenResolution {
    record Found(String token) implements TokenResolution {
    }

    record Absent() implements TokenResolution {
    }

    /** Something token-like was there but broke the rules: too long, malformed, or in more than one place. */
    record Invalid(RejectionReason reason) implements TokenResolution {
    }

    Absent ABSENT = new Absent();
}
