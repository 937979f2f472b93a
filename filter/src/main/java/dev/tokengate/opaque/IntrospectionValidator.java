package dev.tokengate.opaque;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.ScopeClaims;
import dev.tokengate.TokenValidator;
import dev.tokengate.VerifiedToken;
import dev.tokengate.cache.TokenOutcomeCache;
import dev.tokengate.cache.TokenOutcomeCache.Loaded;
import dev.tokengate.config.TokengateConfig.OpaqueSettings;
import dev.tokengate.config.TokengateConfig.OpaqueSettings.ClientAuthentication;
import dev.tokengate.http.IssuerHttpClient;
import dev.tokengate.http.IssuerUnavailableException;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 7662 token introspection: the issuer says whether the token is active and what it carries. {@code active} must be
 * {@code true}; {@code exp} and {@code nbf}, when present, are judged with the clock skew; {@code iss} and {@code aud},
 * when present, must match the configuration (the configured issuer's own endpoint vouches for a response that omits
 * them). Answers are cached by {@link TokenOutcomeCache}: positive ones for the TTL but never past {@code exp},
 * negative ones briefly, an unreachable or failing issuer (5xx, timeout, bad credentials of ours) not at all: 503.
 */
public final class IntrospectionValidator implements TokenValidator {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final IssuerEndpoint endpoint;
    private final OpaqueSettings settings;
    private final String issuer;
    private final Set<String> audiences;
    private final Duration skew;
    private final ScopeClaims scopeClaims;
    private final IssuerHttpClient http;
    private final TokenOutcomeCache cache;
    private final Clock clock;
    private final Authentication unavailable;

    public IntrospectionValidator(IssuerEndpoint endpoint, OpaqueSettings settings, String issuer, Set<String> audiences,
                                  Duration skew, ScopeClaims scopeClaims, IssuerHttpClient http, Clock clock,
                                  Duration retryAfter) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.skew = skew;
        this.scopeClaims = scopeClaims;
        this.http = http;
        this.clock = clock;
        this.unavailable = new Authentication.Unavailable(retryAfter);
        this.cache = new TokenOutcomeCache(settings.cacheMaxEntries(), clock,
                Duration.ofMillis(http.deadlineMillis() * 2), unavailable);
    }

    @Override
    public Authentication validate(String token) {
        return cache.get(token, this::introspect);
    }

    private Loaded introspect(String token) {
        IssuerHttpClient.Response response;
        try {
            response = IssuerHttpClient.await(endpoint.uri().thenCompose(uri -> http.sendAsync(request(uri, token))),
                    http.deadlineMillis() * 2);
        } catch (IssuerUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: token introspection failed: {0}", e.getMessage());
            return new Loaded(unavailable, 0);
        }
        if (response.status() != 200) {
            // 401/403 mean our client credentials are wrong, 5xx an issuer in trouble: neither is the token's fault.
            LOG.log(System.Logger.Level.WARNING, "tokengate: token introspection answered HTTP {0}", response.status());
            return new Loaded(unavailable, 0);
        }
        Map<String, Object> claims;
        try {
            claims = JsonUtil.parseJson(response.text());
        } catch (JoseException e) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: token introspection answered no JSON object");
            return new Loaded(unavailable, 0);
        }
        long now = clock.millis();
        RejectionReason problem = check(claims, now / 1000);
        if (problem != null) {
            return new Loaded(new Authentication.Rejected(problem), now + settings.negativeCacheTtl().toMillis());
        }
        long exp = claims.get("exp") instanceof Number number ? number.longValue() : Long.MAX_VALUE;
        long until = Math.min(now + settings.cacheTtl().toMillis(), exp == Long.MAX_VALUE ? Long.MAX_VALUE : exp * 1000);
        return new Loaded(new Authentication.Authenticated(new VerifiedToken(token, claims, scopeClaims.extract(claims), exp)),
                until);
    }

    private RejectionReason check(Map<String, Object> claims, long now) {
        if (!Boolean.TRUE.equals(claims.get("active"))) {
            return RejectionReason.TOKEN_NOT_ACTIVE;
        }
        Object exp = claims.get("exp");
        if (exp != null && !(exp instanceof Number)) {
            return RejectionReason.MALFORMED_CLAIMS;
        }
        if (exp instanceof Number number && now >= number.longValue() + skew.toSeconds()) {
            return RejectionReason.EXPIRED;
        }
        if (claims.get("nbf") instanceof Number nbf && now + skew.toSeconds() < nbf.longValue()) {
            return RejectionReason.NOT_YET_VALID;
        }
        if (claims.containsKey("iss") && !issuer.equals(claims.get("iss"))) {
            return RejectionReason.WRONG_ISSUER;
        }
        if (claims.containsKey("aud") && !audiences.isEmpty() && !audienceMatches(claims.get("aud"))) {
            return RejectionReason.WRONG_AUDIENCE;
        }
        return null;
    }

    private boolean audienceMatches(Object aud) {
        if (aud instanceof String single) {
            return audiences.contains(single);
        }
        if (aud instanceof List<?> many) {
            return many.stream().anyMatch(audiences::contains);
        }
        return false;
    }

    private HttpRequest.Builder request(java.net.URI uri, String token) {
        StringBuilder form = new StringBuilder("token=").append(encode(token)).append("&token_type_hint=access_token");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        String secret = settings.clientSecret().orElse("");
        if (settings.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_POST) {
            form.append("&client_id=").append(encode(settings.clientId()))
                    .append("&client_secret=").append(encode(secret));
        } else {
            // RFC 6749 §2.3.1: each part form-encoded before joining with ':'.
            String credentials = encode(settings.clientId()) + ":" + encode(secret);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
