package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import jakarta.servlet.http.HttpServletRequest;

import java.util.function.Supplier;

/**
 * One request's authentication, worked out on first demand and then remembered. A request to an endpoint that never
 * asks who the caller is costs no validation at all, and a stale token sent to a public endpoint cannot break it.
 */
final class LazyAuthentication implements Supplier<Authentication> {
    private final HttpServletRequest request;
    private final TokengateRuntime runtime;
    private volatile Authentication outcome;

    LazyAuthentication(HttpServletRequest request, TokengateRuntime runtime) {
        this.request = request;
        this.runtime = runtime;
    }

    @Override
    public Authentication get() {
        Authentication known = outcome;
        if (known == null) {
            known = runtime.authenticate(request);
            outcome = known;
        }
        return known;
    }

    /** Whether the request presented something as a bearer token (valid or not). */
    boolean presentedToken() {
        return !(get() instanceof Authentication.Anonymous);
    }

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
