package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.ProfileUnavailableException;
import dev.tokengate.internal.opaque.UserinfoValidator;

import java.util.Map;
import java.util.Optional;

/** The callers' userinfo profiles, asked of the issuer with each caller's own token (cached like opaque answers). */
final class CallerProfiles {
    private final Optional<UserinfoValidator> userinfo;

    CallerProfiles(Optional<UserinfoValidator> userinfo) {
        this.userinfo = userinfo;
    }

    /** The userinfo claims for a validated token; empty when there is no userinfo endpoint or it refuses the token. */
    Optional<Map<String, Object>> profile(String token) {
        if (userinfo.isEmpty()) {
            return Optional.empty();
        }
        Authentication answer = userinfo.get().validate(token);
        if (answer instanceof Authentication.Unavailable unavailable) {
            throw new ProfileUnavailableException(unavailable.retryAfter());
        }
        return answer instanceof Authentication.Authenticated authenticated
                ? Optional.of(authenticated.token().rawClaims()) : Optional.empty();
    }
}
