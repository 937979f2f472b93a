package dev.tokengate.jwt;

import java.util.Map;

/** One rule about a token's claims, checked after the signature. {@code now} is in epoch seconds. */
@FunctionalInterface
public interface ClaimValidator {
    void validate(Map<String, Object> claims, long now) throws TokenRejection;
}
