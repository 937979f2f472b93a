package dev.tokengate.web;

import dev.tokengate.internal.metrics.TokengateMetrics;

import dev.tokengate.internal.claims.StepUpRequirement;
import java.time.Duration;
import java.util.Set;

import dev.tokengate.Authentication;
import dev.tokengate.BearerChallenge;
import dev.tokengate.RejectionReason;
import dev.tokengate.RequestAuthentication;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One request's authentication, worked out on first demand and then remembered. A request to an endpoint that never
 * asks who the caller is costs no validation at all, and a stale token sent to a public endpoint cannot break it.
 */
final class LazyRequestAuthentication implements RequestAuthentication {
    private final HttpServletRequest request;
    private final TokengateRuntime runtime;
    private volatile Authentication outcome;
    private volatile Optional<Map<String, Object>> profile;

    LazyRequestAuthentication(HttpServletRequest request, TokengateRuntime runtime) {
        this.request = request;
        this.runtime = runtime;
    }

    /** Whether the outcome is known already (asked for before), so that reading it costs nothing. */
    boolean decided() {
        return outcome != null;
    }

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

    @Override
    public BearerChallenge challenge() {
        Authentication known = get();
        if (known instanceof Authentication.Anonymous) {
            runtime.metrics().refused(RejectionReason.MISSING_TOKEN, TokengateMetrics.UNKNOWN_ISSUER);
        }
        return pointed(runtime.challenges().challenge(known, dpopPresented(), false));
    }

    /** Counts an authorization refusal of this request's caller (failed validations are counted where they fail). */
    private void refusing(RejectionReason reason) {
        runtime.metrics().refused(reason, get() instanceof Authentication.Authenticated authenticated
                ? authenticated.token().getIssuerName() : TokengateMetrics.UNKNOWN_ISSUER);
    }

    @Override
    public Optional<BearerChallenge> requireDPoP() {
        if (!runtime.dpopActivation().active(request.getServletContext())) {
            return Optional.of(runtime.challenges().dpopDisabled());
        }
        Authentication known = get();
        if (known instanceof Authentication.Authenticated authenticated) {
            if (authenticated.proofOfPossession()) {
                return Optional.empty();
            }
            refusing(RejectionReason.DPOP_REQUIRED);
            return Optional.of(pointed(runtime.challenges()
                    .challenge(new Authentication.Rejected(RejectionReason.DPOP_REQUIRED), false, true)));
        }
        if (known instanceof Authentication.Anonymous) {
            runtime.metrics().refused(RejectionReason.MISSING_TOKEN, TokengateMetrics.UNKNOWN_ISSUER);
        }
        return Optional.of(pointed(runtime.challenges().challenge(known, dpopPresented(), true)));
    }

    @Override
    public BearerChallenge insufficientScope(Collection<String> requiredScopes) {
        refusing(RejectionReason.INSUFFICIENT_SCOPE);
        return pointed(runtime.challenges().insufficientScope(requiredScopes, dpopPresented()));
    }

    /** Whether the client used the {@code DPoP} authorization scheme (read only to word a refusal). */
    private boolean dpopPresented() {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "DPoP", 0, 4)
                && (authorization.length() == 4 || !Character.isLetterOrDigit(authorization.charAt(4)))
                && runtime.dpopActivation().active(request.getServletContext());
    }

    @Override
    public Optional<BearerChallenge> stepUp(Set<String> acrValues, Duration maxAge) {
        StepUpRequirement requirement = new StepUpRequirement(acrValues, Optional.ofNullable(maxAge));
        if (!(get() instanceof Authentication.Authenticated authenticated)) {
            return Optional.of(challenge());
        }
        return requirement.shortfall(authenticated.token(), runtime.clock().instant(), runtime.config().jwt().clockSkew())
                .map(reason -> {
                    refusing(reason);
                    return pointed(runtime.challenges().stepUp(reason, requirement.acrValues(), maxAge, dpopPresented()));
                });
    }

    @Override
    public BearerChallenge forbidden(RejectionReason reason) {
        refusing(reason);
        return pointed(runtime.challenges().forbidden(reason, dpopPresented()));
    }

    /** With RFC 9728's {@code resource_metadata}, when the document is served (401 and 403 challenges only). */
    private BearerChallenge pointed(BearerChallenge challenge) {
        ResourceMetadata metadata = runtime.resourceMetadata();
        return metadata == null ? challenge : challenge.withResourceMetadata(metadata.documentUrlOf(request));
    }

    @Override
    public boolean enforcesRoleAnnotations() {
        return runtime.config().filter().roleAnnotations();
    }
}
