package dev.tokengate.internal.claims;

import dev.tokengate.RejectionReason;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code aud}, a string or an array of strings, must contain at least one of the configured audiences. */
public record AudienceClaim(Set<String> audiences) implements ClaimValidator {
    public AudienceClaim {
        audiences = Set.copyOf(audiences);
    }

    @Override
    public void validate(Map<String, Object> claims, long now) throws TokenRejection {
        Object aud = claims.get("aud");
        if (aud instanceof String single && audiences.contains(single)) {
            return;
        }
        if (aud instanceof List<?> many) {
            for (Object item : many) {
                if (!(item instanceof String)) {
                    throw new TokenRejection(RejectionReason.MALFORMED_CLAIMS);
                }
            }
            for (Object item : many) {
                if (audiences.contains(item)) {
                    return;
                }
            }
        }
        throw new TokenRejection(RejectionReason.WRONG_AUDIENCE);
    }
}
