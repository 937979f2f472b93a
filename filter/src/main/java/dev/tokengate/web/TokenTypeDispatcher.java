package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.TokenValidator;
import dev.tokengate.internal.jwt.CompactJws;

/**
 * Sends a token with the shape of a compact JWS (two dots) to JWT validation, anything else to the opaque-token
 * validator. The shape alone decides: a token that looks like a JWT but fails to parse is a malformed JWT, never
 * retried as opaque.
 */
record TokenTypeDispatcher(TokenValidator jwt, TokenValidator opaque) implements TokenValidator {
    @Override
    public Authentication validate(String token) {
        return CompactJws.hasJwsShape(token) ? jwt.validate(token) : opaque.validate(token);
    }
}
