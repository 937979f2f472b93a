package dev.tokengate.internal.claims;

import dev.tokengate.Scopes;
import dev.tokengate.VerifiedToken;

import java.util.Map;

/**
 * What a validated token grants, read once when the token is accepted: its scopes and its roles. Shared by the JWT,
 * introspection and userinfo paths, so a token means the same whichever way it was checked.
 *
 * @param scopes     where the scopes are
 * @param roles      where the roles are
 * @param issuerName the configured issuer whose tokens these rules read (every token says which accepted it)
 */
public record AccessClaims(ScopeClaims scopes, RoleClaims roles, String issuerName) {

    /** The default scope claims and roles. */
    public static final AccessClaims DEFAULT = new AccessClaims(ScopeClaims.DEFAULT, RoleClaims.DEFAULT);

    /** For the default issuer, the one the {@code mp.jwt.*} properties define. */
    public AccessClaims(ScopeClaims scopes, RoleClaims roles) {
        this(scopes, roles, VerifiedToken.DEFAULT_ISSUER);
    }

    /**
     * @param rawToken  the token as presented
     * @param claims    its claims (or the issuer's answer about it)
     * @param expiresAt {@code exp}, or {@link Long#MAX_VALUE} for none
     * @return the principal
     */
    public VerifiedToken token(String rawToken, Map<String, Object> claims, long expiresAt) {
        Scopes granted = scopes.extract(claims);
        return new VerifiedToken(rawToken, claims, granted, roles.extract(claims, granted), expiresAt, issuerName);
    }

    /** The same for an answer that grants no scope (userinfo): its roles still count. */
    public VerifiedToken tokenWithoutScopes(String rawToken, Map<String, Object> claims, long expiresAt) {
        return new VerifiedToken(rawToken, claims, Scopes.NONE, roles.extract(claims, Scopes.NONE), expiresAt, issuerName);
    }
}
