package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.TokenValidator;

/** The answer to an opaque token when no issuer endpoint that could vouch for it is configured. */
final class OpaqueTokenRejector implements TokenValidator {
    private static final Authentication REJECTED = new Authentication.Rejected(RejectionReason.OPAQUE_TOKEN_NOT_ACCEPTED);

    @Override
    public Authentication validate(String token) {
        return REJECTED;
    }
}
