package dev.tokengate.opaque;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.Scopes;
import dev.tokengate.TokenValidator;
import dev.tokengate.VerifiedToken;
import dev.tokengate.cache.TokenOutcomeCache;
import dev.tokengate.cache.TokenOutcomeCache.Loaded;
import dev.tokengate.config.TokengateConfig.OpaqueSettings;
import dev.tokengate.http.IssuerHttpClient;
import dev.tokengate.http.IssuerUnavailableException;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Validates an opaque token the way Auth0 does: by calling the OIDC userinfo endpoint with it. 200 with a {@code sub}
 * means valid, and the response's claims become the token's; 401 or 403 means invalid. Such a token carries no
 * scopes, so a resource that needs one answers 403. Cached like introspection: positive answers for the TTL (userinfo
 * says nothing about expiry), negative ones briefly, an unreachable issuer not at all.
 */
public final class UserinfoValidator implements TokenValidator {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final IssuerEndpoint endpoint;
    private final OpaqueSettings settings;
    private final IssuerHttpClient http;
    private final TokenOutcomeCache cache;
    private final Clock clock;
    private final Authentication unavailable;

    public UserinfoValidator(IssuerEndpoint endpoint, OpaqueSettings settings, IssuerHttpClient http, Clock clock,
                             Duration retryAfter) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.unavailable = new Authentication.Unavailable(retryAfter);
        this.cache = new TokenOutcomeCache(settings.cacheMaxEntries(), clock,
                Duration.ofMillis(http.deadlineMillis() * 2), unavailable);
    }

    @Override
    public Authentication validate(String token) {
        return cache.get(token, this::ask);
    }

    private Loaded ask(String token) {
        IssuerHttpClient.Response response;
        try {
            response = IssuerHttpClient.await(endpoint.uri().thenCompose(uri -> http.sendAsync(
                    HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
                            .header("Authorization", "Bearer " + token))), http.deadlineMillis() * 2);
        } catch (IssuerUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: userinfo call failed: {0}", e.getMessage());
            return new Loaded(unavailable, 0);
        }
        long now = clock.millis();
        if (response.status() == 401 || response.status() == 403) {
            return new Loaded(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE),
                    now + settings.negativeCacheTtl().toMillis());
        }
        if (response.status() != 200) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: userinfo answered HTTP {0}", response.status());
            return new Loaded(unavailable, 0);
        }
        Map<String, Object> claims;
        try {
            claims = JsonUtil.parseJson(response.text());
        } catch (JoseException e) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: userinfo answered no JSON object");
            return new Loaded(unavailable, 0);
        }
        if (!(claims.get("sub") instanceof String)) {
            return new Loaded(new Authentication.Rejected(RejectionReason.MALFORMED_CLAIMS),
                    now + settings.negativeCacheTtl().toMillis());
        }
        return new Loaded(new Authentication.Authenticated(new VerifiedToken(token, claims, Scopes.NONE, Long.MAX_VALUE)),
                now + settings.cacheTtl().toMillis());
    }
}
