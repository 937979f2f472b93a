package dev.tokengate.internal.jwt;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.TokenValidator;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.claims.TokenRejection;

import java.util.List;
import java.util.Map;

/**
 * Several trusted issuers: a JWT goes, by its {@code iss}, to exactly one issuer's validator, which then checks
 * everything (signature with that issuer's keys only, audience, times, type). An {@code iss} that is no configured
 * issuer's, compared exactly, is {@link RejectionReason#WRONG_ISSUER} before any key is looked up, so no token makes
 * a network call for an issuer nobody trusts. A token one of the validators verified before is found in its cache
 * first, without parsing.
 */
public final class IssuerRouter implements TokenValidator {
    private final Map<String, JwtValidator> byIssuer;
    private final List<JwtValidator> validators;

    /** @param byIssuer each trusted {@code iss} and the validator of that issuer */
    public IssuerRouter(Map<String, JwtValidator> byIssuer) {
        this.byIssuer = Map.copyOf(byIssuer);
        this.validators = List.copyOf(byIssuer.values());
    }

    @Override
    public Authentication validate(String token) {
        for (JwtValidator validator : validators) {
            VerifiedToken known = validator.cached(token);
            if (known != null) {
                return new Authentication.Authenticated(known);
            }
        }
        CompactJws jws;
        Map<String, Object> claims;
        try {
            jws = CompactJws.parse(token);
            claims = jws.claims();
        } catch (TokenRejection rejection) {
            return new Authentication.Rejected(rejection.reason());
        }
        JwtValidator validator = claims.get("iss") instanceof String name ? byIssuer.get(name) : null;
        return validator == null ? new Authentication.Rejected(RejectionReason.WRONG_ISSUER)
                : validator.validateParsed(jws, claims);
    }
}
