package dev.tokengate.web;

import dev.tokengate.BearerChallenge;
import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;

import java.util.Collection;

/** The answers to requests that may not go on, in this application's realm. */
final class Challenges {
    private final String realm;

    Challenges(String realm) {
        this.realm = realm;
    }

    /** The response for a request that was not authenticated: a challenge, or 503 when the issuer was unreachable. */
    BearerChallenge challenge(Authentication outcome) {
        if (outcome instanceof Authentication.Authenticated) {
            throw new IllegalArgumentException("an authenticated request needs no challenge");
        }
        if (outcome instanceof Authentication.Unavailable unavailable) {
            return BearerChallenge.unavailable(unavailable.retryAfter());
        }
        return BearerChallenge.of(reasonOf(outcome), realm);
    }

    /** The 403 for a valid token that lacks {@code requiredScopes}. */
    BearerChallenge forbidden(RejectionReason reason) {
        return BearerChallenge.of(reason, realm);
    }

    /** The RFC 9470 401 for a login too weak or too old. */
    BearerChallenge stepUp(RejectionReason reason, Collection<String> acrValues, java.time.Duration maxAge) {
        return BearerChallenge.stepUp(reason, realm, acrValues, maxAge);
    }

    BearerChallenge insufficientScope(Collection<String> requiredScopes) {
        return BearerChallenge.of(RejectionReason.INSUFFICIENT_SCOPE, realm, requiredScopes);
    }

    /** Why an outcome does not let a request on; {@code null} for an authenticated one. */
    static RejectionReason reasonOf(Authentication authentication) {
        // Java 17 has no pattern switch outside preview; the sealed type keeps this list complete.
        if (authentication instanceof Authentication.Rejected rejected) {
            return rejected.reason();
        }
        if (authentication instanceof Authentication.Unavailable) {
            return RejectionReason.ISSUER_UNAVAILABLE;
        }
        if (authentication instanceof Authentication.Anonymous) {
            return RejectionReason.MISSING_TOKEN;
        }
        return null;
    }
}
