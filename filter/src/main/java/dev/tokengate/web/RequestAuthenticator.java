package dev.tokengate.web;

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

    RequestAuthenticator(BearerTokenResolver resolver, TokenValidator validator, RejectionLog rejectionLog) {
        this.resolver = resolver;
        this.validator = validator;
        this.rejectionLog = rejectionLog;
    }

    Authentication authenticate(HttpServletRequest request) {
        TokenResolution resolution = resolver.resolve(request);
        Authentication outcome;
        if (resolution instanceof TokenResolution.Found found) {
            outcome = validateFailingClosed(found.token());
        } else if (resolution instanceof TokenResolution.Invalid invalid) {
            outcome = new Authentication.Rejected(invalid.reason());
        } else {
            return Authentication.ANONYMOUS;
        }
        RejectionReason reason = Challenges.reasonOf(outcome);
        if (reason != null) {
            rejectionLog.rejected(reason, request.getMethod(), ProtectedPaths.pathOf(request));
        }
        return outcome;
    }

    /**
     * Validators answer every client input with an outcome; should one throw anyway (a bug, a library surprise), the
     * token is refused, never passed and never answered with a 500. Logged without the token.
     */
    private Authentication validateFailingClosed(String token) {
        try {
            return validator.validate(token);
        } catch (RuntimeException unexpected) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: token validation failed unexpectedly ({0}); refusing the token",
                    unexpected.getClass().getName());
            return new Authentication.Rejected(RejectionReason.MALFORMED_TOKEN);
        }
    }
}
