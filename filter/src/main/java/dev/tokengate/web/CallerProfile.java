package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RequestAuthentication;
import jakarta.servlet.ServletRequest;

import java.util.Map;
import java.util.Optional;

/**
 * The caller's profile (name, email, ... as the issuer's OIDC userinfo endpoint returns them), for resources that need
 * more than an access token says. Fetched with the caller's own token the first time it is asked for, then cached by
 * the token's hash like opaque-token answers (TTL, bounded). Works for JWT and opaque tokens alike.
 */
public final class CallerProfile {
    private CallerProfile() {
    }

    /**
     * The profile of the request's caller: empty when the request has no validated token, when no userinfo endpoint
     * is configured or discoverable, or when the issuer refuses the token for userinfo (one without the
     * {@code openid} scope, say).
     *
     * @param request the request (JAX-RS resources get it with {@code @Context HttpServletRequest})
     * @return the userinfo claims, or empty
     * @throws dev.tokengate.ProfileUnavailableException when the issuer cannot be reached: answer 503
     */
    public static Optional<Map<String, Object>> of(ServletRequest request) {
        if (request.getAttribute(RequestAuthentication.ATTRIBUTE) instanceof LazyRequestAuthentication authentication) {
            return authentication.profile();
        }
        return Optional.empty();
    }
}
