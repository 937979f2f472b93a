package dev.tokengate.internal.opaque;

import dev.tokengate.internal.claims.AudienceClaim;
import dev.tokengate.internal.claims.ClaimValidator;
import dev.tokengate.internal.claims.IssuerClaim;
import dev.tokengate.internal.claims.TimeClaims;
import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.cache.TokenOutcomeCache.Loaded;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings.ClientAuthentication;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.metrics.IssuerMetrics;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 7662 token introspection: the issuer says whether the token is active and what it carries. {@code active} must be
 * {@code true}; the time claims, when present, follow the same rules as in a JWT ({@link TimeClaims}); {@code iss} and
 * {@code aud}, when present, must match the configuration as in a JWT ({@link IssuerClaim}, {@link AudienceClaim}) (the configured issuer's own endpoint vouches for a response that omits
 * them). Positive answers are reused for the TTL but never past {@code exp}; negative ones briefly; a failing issuer
 * (5xx, timeout, or our own client credentials refused) gives 503.
 */
public final class IntrospectionValidator extends IssuerCheck {
    private final List<ClaimValidator> claimRules;
    private final AccessClaims access;

    public IntrospectionValidator(IssuerEndpoint endpoint, IssuerQuerySettings settings, String issuer, Set<String> audiences,
                                  Duration skew, AccessClaims access, IssuerHttpClient http, Clock clock,
                                  Duration retryAfter) {
        this(endpoint, settings, issuer, audiences, skew, access, http, clock, retryAfter, IssuerMetrics.NONE);
    }

    public IntrospectionValidator(IssuerEndpoint endpoint, IssuerQuerySettings settings, String issuer, Set<String> audiences,
                                  Duration skew, AccessClaims access, IssuerHttpClient http, Clock clock,
                                  Duration retryAfter, IssuerMetrics metrics) {
        super("token introspection", endpoint, settings, http, clock, retryAfter, metrics, IssuerMetrics.Call.INTROSPECTION);
        List<ClaimValidator> rules = new ArrayList<>(3);
        rules.add(TimeClaims.forIntrospection(skew));
        rules.add(new IssuerClaim(issuer).whenPresent("iss"));
        if (!audiences.isEmpty()) {
            rules.add(new AudienceClaim(audiences).whenPresent("aud"));
        }
        this.claimRules = List.copyOf(rules);
        this.access = access;
    }

    @Override
    HttpRequest.Builder request(URI uri, String token) {
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

    @Override
    Loaded interpret(String token, IssuerHttpClient.Response response) {
        if (refusedAsUnreadable(response.status())) {
            return rejected(RejectionReason.TOKEN_NOT_ACTIVE);
        }
        if (response.status() != 200) {
            // 401/403 mean our client credentials are wrong, 5xx an issuer in trouble: neither is the token's fault.
            return unavailable("HTTP " + response.status());
        }
        Map<String, Object> claims = jsonObject(response);
        if (claims == null) {
            return unavailable("the answer is no JSON object");
        }
        long now = clock.millis();
        RejectionReason problem = check(claims, now / 1000);
        if (problem != null) {
            return rejected(problem);
        }
        long exp;
        try {
            exp = TimeClaims.expiry(claims); // checked by claimRules: a number in range, or absent
        } catch (TokenRejection unreachable) {
            return rejected(unreachable.reason());
        }
        long until = Math.min(now + settings.cacheTtl().toMillis(), exp == Long.MAX_VALUE ? Long.MAX_VALUE : exp * 1000);
        return new Loaded(new Authentication.Authenticated(
                access.token(token, claims, exp)), until);
    }

    private RejectionReason check(Map<String, Object> claims, long now) {
        if (!Boolean.TRUE.equals(claims.get("active"))) {
            return RejectionReason.TOKEN_NOT_ACTIVE;
        }
        try {
            for (ClaimValidator rule : claimRules) {
                rule.validate(claims, now);
            }
            return null;
        } catch (TokenRejection rejection) {
            return rejection.reason();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
