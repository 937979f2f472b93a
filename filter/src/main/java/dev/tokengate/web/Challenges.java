package dev.tokengate.web;

import dev.tokengate.BearerChallenge;
import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.config.TokengateConfig.DPoPSettings;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answers to requests that may not go on, in this application's realm. Where DPoP is accepted, a 401 offers the
 * {@code DPoP} scheme beside {@code Bearer} (or alone, where only DPoP will do), the error in the challenge of the
 * scheme the client used (RFC 9449 §7.1); a 403 or a step-up answers in the client's scheme alone.
 */
final class Challenges {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final String realm;
    private final DPoPSettings dpop;
    private final AtomicBoolean warnedDPoPDisabled = new AtomicBoolean();

    Challenges(String realm, DPoPSettings dpop) {
        this.realm = realm;
        this.dpop = dpop;
    }

    /**
     * The response for a request that was not authenticated: a challenge, or 503 when the issuer was unreachable.
     *
     * @param dpopPresented whether the client used the {@code DPoP} scheme (which implies it is understood here)
     * @param dpopOnly      whether the resource accepts DPoP-bound tokens only, whatever the application's policy
     */
    BearerChallenge challenge(Authentication outcome, boolean dpopPresented, boolean dpopOnly) {
        if (outcome instanceof Authentication.Authenticated) {
            throw new IllegalArgumentException("an authenticated request needs no challenge");
        }
        if (outcome instanceof Authentication.Unavailable unavailable) {
            return BearerChallenge.unavailable(unavailable.retryAfter());
        }
        RejectionReason reason = reasonOf(outcome);
        BearerChallenge bearer = BearerChallenge.of(reason, realm);
        if (!dpop.enabled() && !dpopOnly && !dpopPresented) {
            return bearer; // DPoP is not offered here
        }
        boolean bearerAccepted = !dpopOnly && dpop.policy() != DPoPSettings.Policy.REQUIRED;
        return bearer.withDPoP(dpop.algorithms(), bearerAccepted, dpopPresented || reason == RejectionReason.DPOP_REQUIRED);
    }

    /** A resource demands DPoP in an application that has it switched off: nothing the client does can help. */
    BearerChallenge dpopDisabled() {
        if (warnedDPoPDisabled.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: a resource requires DPoP (@RequiresDPoP), but the"
                    + " JAX-RS binding did not report it at deployment (its ServletContainerInitializer did not run), and"
                    + " tokengate.dpop.policy is disabled; its requests are answered 503 until the policy is allowed or"
                    + " required");
        }
        return BearerChallenge.notConfigured();
    }

    /** The 403 for a valid token that lacks a role, an issuer, or is refused to all. */
    BearerChallenge forbidden(RejectionReason reason, boolean dpopPresented) {
        return inClientScheme(BearerChallenge.of(reason, realm), dpopPresented);
    }

    /** The RFC 9470 401 for a login too weak or too old. */
    BearerChallenge stepUp(RejectionReason reason, Collection<String> acrValues, Duration maxAge, boolean dpopPresented) {
        return inClientScheme(BearerChallenge.stepUp(reason, realm, acrValues, maxAge), dpopPresented);
    }

    BearerChallenge insufficientScope(Collection<String> requiredScopes, boolean dpopPresented) {
        return inClientScheme(BearerChallenge.of(RejectionReason.INSUFFICIENT_SCOPE, realm, requiredScopes), dpopPresented);
    }

    private BearerChallenge inClientScheme(BearerChallenge bearer, boolean dpopPresented) {
        return dpopPresented ? bearer.withDPoP(dpop.algorithms(), false, true) : bearer;
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
