package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code typ} header (RFC 9068 §2.1, RFC 8725 §3.11). Strict mode demands {@code at+jwt}, which keeps ID tokens and
 * other JWTs from the same issuer out. The lenient default also lets {@code JWT} and a missing {@code typ} pass, since
 * many issuers send those, but still refuses every other explicit type ({@code dpop+jwt}, {@code logout+jwt}, ...).
 * Compared case-insensitively: RFC 7515 §4.1.9 says media types are.
 */
record AccessTokenType(boolean requireAtJwt) implements HeaderValidator {
    private static final Set<String> AT_JWT = Set.of("at+jwt", "application/at+jwt");
    private static final Set<String> LENIENT = Set.of("at+jwt", "application/at+jwt", "jwt", "application/jwt");

    @Override
    public void validate(JwsHeader header) throws TokenRejection {
        String type = header.type();
        if (type == null) {
            if (requireAtJwt) {
                throw new TokenRejection(RejectionReason.UNSUPPORTED_TYPE);
            }
            return;
        }
        String normalized = type.toLowerCase(Locale.ROOT);
        if (!(requireAtJwt ? AT_JWT : LENIENT).contains(normalized)) {
            throw new TokenRejection(RejectionReason.UNSUPPORTED_TYPE);
        }
    }
}
