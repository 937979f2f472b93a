package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 7515 §4.1.11: when {@code crit} is present it must be a non-empty array of distinct names, each an extension
 * present in the header that this library understands, and none a name the JWS spec itself defines. The only extension
 * understood is RFC 7797's {@code b64}, and only with its default value {@code true}, which changes nothing; an
 * unencoded payload ({@code b64: false}) is refused.
 */
final class CriticalHeaders implements HeaderValidator {
    private static final Set<String> REGISTERED = Set.of(
            "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
            "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c");

    @Override
    public void validate(JwsHeader header) throws TokenRejection {
        Object b64 = header.parameters().get("b64");
        if (b64 != null && !Boolean.TRUE.equals(b64)) {
            throw reject();
        }
        if (!header.parameters().containsKey("crit")) {
            return;
        }
        if (!(header.parameters().get("crit") instanceof List<?> names) || names.isEmpty()) {
            throw reject();
        }
        Set<String> seen = new HashSet<>();
        for (Object name : names) {
            if (!(name instanceof String extension) || !seen.add(extension) || REGISTERED.contains(extension)
                    || !understood(extension, header)) {
                throw reject();
            }
        }
    }

    private static boolean understood(String extension, JwsHeader header) {
        return extension.equals("b64") && Boolean.TRUE.equals(header.parameters().get("b64"));
    }

    private static TokenRejection reject() {
        return new TokenRejection(RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }
}
