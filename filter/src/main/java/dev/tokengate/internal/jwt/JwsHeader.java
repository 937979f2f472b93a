package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;

import java.util.Map;

/**
 * The protected header of a JWS. {@code alg}, {@code kid} and {@code typ} must be strings when present. The parameters
 * that could point at a key ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) are deliberately not read at all.
 */
public record JwsHeader(String algorithm, String keyId, String type, Map<String, Object> parameters) {

    static JwsHeader of(Map<String, Object> json) throws TokenRejection {
        return new JwsHeader(string(json, "alg"), string(json, "kid"), string(json, "typ"), java.util.Collections.unmodifiableMap(json));
    }

    private static String string(Map<String, Object> json, String name) throws TokenRejection {
        Object value = json.get(name);
        if (value == null && json.containsKey(name) || value != null && !(value instanceof String)) {
            throw new TokenRejection(RejectionReason.MALFORMED_TOKEN);
        }
        return (String) value;
    }
}
