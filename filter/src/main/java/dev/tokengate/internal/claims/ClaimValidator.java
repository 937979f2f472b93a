package dev.tokengate.internal.claims;

import java.util.Map;

/** One rule about a token's claims, checked after the signature. {@code now} is in epoch seconds. */
@FunctionalInterface
public interface ClaimValidator {
    void validate(Map<String, Object> claims, long now) throws TokenRejection;

    /**
     * This rule, applied only when the claims carry {@code claim}: an introspection answer may leave {@code iss} and
     * {@code aud} out, the issuer's own endpoint vouching for the token (RFC 7662 §2.2).
     */
    default ClaimValidator whenPresent(String claim) {
        return (claims, now) -> {
            if (claims.containsKey(claim)) {
                validate(claims, now);
            }
        };
    }
}
