package dev.tokengate.internal.opaque;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.Scopes;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.cache.TokenOutcomeCache.Loaded;
import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.metrics.IssuerMetrics;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Validates a token the way Auth0 validates its opaque ones: by calling the OIDC userinfo endpoint with it. 200 with a
 * {@code sub} means valid, and the response's claims become the token's; 401 or 403 means invalid. Such a token
 * carries no scopes, so a resource that needs one answers 403. Positive answers are reused for the TTL (userinfo says
 * nothing about expiry), negative ones briefly. Also the source of {@code CallerProfile} for JWT callers.
 */
public final class UserinfoValidator extends IssuerCheck {

    private final AccessClaims access;

    public UserinfoValidator(IssuerEndpoint endpoint, IssuerQuerySettings settings, AccessClaims access,
                             IssuerHttpClient http, Clock clock, Duration retryAfter) {
        this(endpoint, settings, access, http, clock, retryAfter, IssuerMetrics.NONE);
    }

    public UserinfoValidator(IssuerEndpoint endpoint, IssuerQuerySettings settings, AccessClaims access,
                             IssuerHttpClient http, Clock clock, Duration retryAfter, IssuerMetrics metrics) {
        super("userinfo call", endpoint, settings, http, clock, retryAfter, metrics, IssuerMetrics.Call.USERINFO);
        this.access = access;
    }

    @Override
    HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    @Override
    Loaded interpret(String token, IssuerHttpClient.Response response) {
        if (response.status() == 401 || response.status() == 403 || refusedAsUnreadable(response.status())) {
            return rejected(RejectionReason.TOKEN_NOT_ACTIVE);
        }
        if (response.status() != 200) {
            return unavailable("HTTP " + response.status());
        }
        Map<String, Object> claims = jsonObject(response);
        if (claims == null) {
            return unavailable("the answer is no JSON object");
        }
        if (!(claims.get("sub") instanceof String)) {
            return rejected(RejectionReason.MALFORMED_CLAIMS);
        }
        return new Loaded(new Authentication.Authenticated(access.tokenWithoutScopes(token, claims, Long.MAX_VALUE)),
                clock.millis() + settings.cacheTtl().toMillis());
    }
}
