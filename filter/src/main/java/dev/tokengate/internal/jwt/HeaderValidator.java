package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

/** One rule about a JWS header, checked before any key is looked up or any signature computed. */
@FunctionalInterface
interface HeaderValidator {
    void validate(JwsHeader header) throws TokenRejection;
}
