package dev.tokengate.internal.claims;

import dev.tokengate.RejectionReason;

import java.util.Map;
import java.util.Objects;

/** {@code iss} must be a string equal, character for character, to the configured issuer. */
public record IssuerClaim(String issuer) implements ClaimValidator {
    public IssuerClaim {
        Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public void validate(Map<String, Object> claims, long now) throws TokenRejection {
        if (!issuer.equals(claims.get("iss"))) {
            throw new TokenRejection(RejectionReason.WRONG_ISSUER);
        }
    }
}
