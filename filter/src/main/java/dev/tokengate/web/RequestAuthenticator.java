package dev.tokengate.web;

import dev.tokengate.internal.metrics.TokengateMetrics;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.TokenValidator;
import jakarta.servlet.http.HttpServletRequest;

/** One request's authentication: resolve its token, validate it (failing closed), log a rejection (rate-bounded). */
final class RequestAuthenticator {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final BearerTokenResolver resolver;
    private final TokenValidator validator;
    private final RejectionLog rejectionLog;
    private final SenderConstraints constraints;
    private final TokengateMetrics metrics;
    private final IssuerAttribution issuers;

    RequestAuthenticator(BearerTokenResolver resolver, TokenValidator validator, RejectionLog rejectionLog,
                         SenderConstraints constraints, TokengateMetrics metrics, IssuerAttribution issuers) {
        this.resolver = resolver;
        this.validator = validator;
        this.rejectionLog = rejectionLog;
        this.constraints = constraints;
        this.metrics = metrics;
        this.issuers = issuers;
    }

    RejectionLog rejectionLog() {
        return rejectionLog;
    }

    /** See {@link SenderConstraints#nonceFor}. */
    String dpopNonceFor(HttpServletRequest request) {
        return constraints.nonceFor(request);
    }

    Authentication authenticate(HttpServletRequest request) {
        TokenResolution resolution = resolver.resolve(request);
        Authentication outcome;
        String token = null;
        if (resolution instanceof TokenResolution.Found found) {
            token = found.token();
            outcome = !found.dpop() && constraints.refusesBearer()
                    ? new Authentication.Rejected(RejectionReason.DPOP_REQUIRED)
                    : validateFailingClosed(found, request);
        } else if (resolution instanceof TokenResolution.Invalid invalid) {
            outcome = new Authentication.Rejected(invalid.reason());
        } else {
            return Authentication.ANONYMOUS;
        }
        RejectionReason reason = Challenges.reasonOf(outcome);
        if (reason != null) {
            // the issuer of a refused token is read from its unverified iss, only to label the count
            metrics.refused(reason, issuers.nameOf(token));
            rejectionLog.rejected(reason, request.getMethod(), ProtectedPaths.pathOf(request));
        } else {
            metrics.accepted(((Authentication.Authenticated) outcome).token().getIssuerName());
        }
        return outcome;
    }

    /**
     * Validators answer every client input with an outcome; should one throw anyway (a bug, a library surprise), the
     * token is refused, never passed and never answered with a 500. Logged without the token.
     */
    private Authentication validateFailingClosed(TokenResolution.Found found, HttpServletRequest request) {
        try {
            return constraints.check(validator.validate(found.token()), found.token(), found.dpop(), request);
        } catch (RuntimeException unexpected) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: token validation failed unexpectedly ({0}); refusing the token",
                    unexpected.getClass().getName());
            return new Authentication.Rejected(RejectionReason.MALFORMED_TOKEN);
        }
    }
}
