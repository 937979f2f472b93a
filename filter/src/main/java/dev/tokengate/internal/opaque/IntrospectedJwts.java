package dev.tokengate.internal.opaque;

import dev.tokengate.Authentication;
import dev.tokengate.TokenValidator;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.claims.AudienceClaim;
import dev.tokengate.internal.claims.TokenRejection;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings.JwtIntrospection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * JWTs of the default issuer, validated locally and then introspected (RFC 7662 works for JWT access tokens too): for
 * APIs that must honour revocation, and for Keycloak's lightweight access tokens, which leave out on purpose the
 * claims (audience, roles) that introspection supplies.
 *
 * <p>The local validation comes first and is complete (signature, {@code iss}, times, and {@code aud} where the token
 * carries one), so a forged, foreign or expired token never reaches the issuer. Then the issuer's answer decides:
 * {@code active:false} (revoked, logged out) is a refusal, an unreachable issuer a 503. The caller's claims are the
 * token's, completed by the answer's where the token has none; the audience must be found in one of the two. Answers
 * are cached as for opaque tokens (by a hash of the token, at most the TTL, never past {@code exp}), so the TTL is how
 * late a revocation is noticed.
 */
public final class IntrospectedJwts implements TokenValidator {
    private final TokenValidator local;
    private final TokenValidator introspection;
    private final JwtIntrospection mode;
    private final AudienceClaim audience;
    private final AccessClaims access;

    /**
     * @param local         the JWT validation, with the default issuer's audience checked only where a token has one
     * @param introspection the default issuer's introspection
     * @param mode          which of the default issuer's tokens to introspect (not {@code NEVER})
     * @param audiences     the configured audiences; empty where the audience check is off
     * @param access        how the default issuer's scopes and roles are read
     */
    public IntrospectedJwts(TokenValidator local, TokenValidator introspection, JwtIntrospection mode,
                            Set<String> audiences, AccessClaims access) {
        this.local = local;
        this.introspection = introspection;
        this.mode = mode;
        this.audience = audiences.isEmpty() ? null : new AudienceClaim(audiences);
        this.access = access;
    }

    @Override
    public Authentication validate(String token) {
        Authentication locally = local.validate(token);
        if (!(locally instanceof Authentication.Authenticated authenticated)) {
            return locally;
        }
        VerifiedToken jwt = authenticated.token();
        if (!VerifiedToken.DEFAULT_ISSUER.equals(jwt.getIssuerName())) {
            return locally; // the introspection endpoint is the default issuer's; the others' tokens stay local
        }
        if (mode == JwtIntrospection.WHEN_LIGHTWEIGHT && jwt.rawClaims().containsKey("aud")) {
            return locally;
        }
        Authentication answer = introspection.validate(token);
        if (!(answer instanceof Authentication.Authenticated active)) {
            return answer;
        }
        Map<String, Object> claims = new LinkedHashMap<>(active.token().rawClaims());
        claims.remove("active");
        claims.putAll(jwt.rawClaims()); // what the issuer signed wins over what it said
        if (audience != null) {
            try {
                audience.validate(claims, 0);
            } catch (TokenRejection rejection) {
                return new Authentication.Rejected(rejection.reason());
            }
        }
        return new Authentication.Authenticated(access.token(token, claims, jwt.expiresAt()));
    }
}
