package dev.tokengate.web;

import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.json.StrictJson;
import dev.tokengate.internal.jwt.CompactJws;
import dev.tokengate.internal.metrics.TokengateMetrics;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which configured issuer a refused token claims to come from, for the refusal counters' label: its unverified
 * {@code iss} when that is a trusted issuer's exactly, {@code default} for an opaque token (the default issuer checks
 * those), and {@link TokengateMetrics#UNKNOWN_ISSUER} otherwise. Only ever a label from the configured set: a forged
 * {@code iss} can move a count between issuers, never create a series.
 */
final class IssuerAttribution {
    private final Map<String, String> nameByIssuer = new HashMap<>();

    IssuerAttribution(TokengateConfig config) {
        nameByIssuer.put(config.jwt().issuer(), VerifiedToken.DEFAULT_ISSUER);
        config.namedIssuers().forEach(named -> nameByIssuer.put(named.jwt().issuer(), named.name()));
    }

    String nameOf(String token) {
        if (token == null) {
            return TokengateMetrics.UNKNOWN_ISSUER;
        }
        if (!CompactJws.hasJwsShape(token)) {
            return VerifiedToken.DEFAULT_ISSUER;
        }
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            Optional<Map<String, Object>> claims = StrictJson.object(payload);
            Object iss = claims.map(json -> json.get("iss")).orElse(null);
            String name = iss instanceof String issuer ? nameByIssuer.get(issuer) : null;
            return name == null ? TokengateMetrics.UNKNOWN_ISSUER : name;
        } catch (IllegalArgumentException malformed) {
            return TokengateMetrics.UNKNOWN_ISSUER;
        }
    }
}
