package dev.tokengate;

import jakarta.servlet.ServletRequest;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of authenticating one request's bearer token. The filter computes it lazily, at most once per request,
 * and keeps it in the request's {@link RequestAuthentication} so that later steps (the JAX-RS binding, application
 * code) read it instead of validating again.
 */
public sealed interface Authentication {

    /**
     * A validated token.
     *
     * @param token  the token, which is also the request's principal
     * @param scheme how the client presented it: {@value #BEARER}, or {@value #DPOP} with a valid proof of
     *               possession (RFC 9449)
     */
    record Authenticated(VerifiedToken token, String scheme) implements Authentication {
        /** The scheme of a bearer token (RFC 6750). */
        public static final String BEARER = "Bearer";
        /** The scheme of a DPoP-bound token whose proof checked out (RFC 9449). */
        public static final String DPOP = "DPoP";

        /**
         * Refuses a missing value.
         *
         * @param token  the validated token
         * @param scheme {@value #BEARER} or {@value #DPOP}
         */
        public Authenticated {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(scheme, "scheme");
        }

        /**
         * A bearer token.
         *
         * @param token the validated token
         */
        public Authenticated(VerifiedToken token) {
            this(token, BEARER);
        }

        /** @return whether the client proved it holds the token's key (RFC 9449) */
        public boolean proofOfPossession() {
            return DPOP.equals(scheme);
        }
    }

    /** The request carried no bearer token. */
    record Anonymous() implements Authentication {
    }

    /**
     * A token (or something claiming to be one) was presented and refused.
     *
     * @param reason why, as the challenge will say
     */
    record Rejected(RejectionReason reason) implements Authentication {
        /**
         * Refuses a missing value.
         *
         * @param reason why it was refused
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The token could not be checked because the issuer could not be reached; the client may retry.
     *
     * @param retryAfter the {@code Retry-After} to answer with
     */
    record Unavailable(Duration retryAfter) implements Authentication {
        /**
         * Refuses a missing value.
         *
         * @param retryAfter when to try again
         */
        public Unavailable {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** The one {@link Anonymous} outcome. */
    Anonymous ANONYMOUS = new Anonymous();

    /**
     * The authentication of a request that passed through the tokengate filter, computed now if nobody asked before.
     * A request the filter never saw is {@link Anonymous}: whatever it carries was not checked, so it proves nothing.
     *
     * @param request a servlet request (JAX-RS resources get it with {@code @Context HttpServletRequest})
     * @return the request's authentication
     */
    static Authentication of(ServletRequest request) {
        return request.getAttribute(RequestAuthentication.ATTRIBUTE) instanceof RequestAuthentication authentication
                ? authentication.get() : ANONYMOUS;
    }
}
