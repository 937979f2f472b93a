package dev.tokengate.web;

import dev.tokengate.Authentication;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One request's authentication, worked out on first demand and then remembered. A request to an endpoint that never
 * asks who the caller is costs no validation at all, and a stale token sent to a public endpoint cannot break it.
 * Stored under {@link Authentication#REQUEST_ATTRIBUTE}, where the JAX-RS binding finds it (JAX-RS request
 * properties are the servlet request's attributes), together with the challenge that answers a failure.
 */
public final class RequestAuthentication implements Supplier<Authentication> {
    private final HttpServletRequest request;
    private final TokengateRuntime runtime;
    private volatile Authentication outcome;
    private volatile Optional<Map<String, Object>> profile;

    RequestAuthentication(HttpServletRequest request, TokengateRuntime runtime) {
        this.request = request;
        this.runtime = runtime;
    }

    /** The authentication of the request, validating its token now if nobody asked before. */
    @Override
    public Authentication get() {
        Authentication known = outcome;
        if (known == null) {
            known = runtime.authenticator().authenticate(request);
            outcome = known;
        }
        return known;
    }

    /** The caller's userinfo profile, fetched once per request at most (and cached across requests by token). */
    Optional<Map<String, Object>> profile() {
        Optional<Map<String, Object>> known = profile;
        if (known == null) {
            known = get() instanceof Authentication.Authenticated authenticated
                    ? runtime.profiles().profile(authenticated.token().getRawToken()) : Optional.empty();
            profile = known;
        }
        return known;
    }

    /** The response for this request when it may not go on: a challenge, or 503 when the issuer was unreachable. */
    public BearerChallenge challenge() {
        return runtime.challenges().challenge(get());
    }

    /** The 403 for a valid token that lacks {@code requiredScopes}. */
    public BearerChallenge insufficientScope(java.util.Collection<String> requiredScopes) {
        return runtime.challenges().insufficientScope(requiredScopes);
    }
}
