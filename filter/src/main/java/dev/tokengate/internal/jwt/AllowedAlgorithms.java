package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;

import java.util.Set;

/** {@code alg} must be on the configured allowlist, whatever else the header says. {@code none} never is. */
record AllowedAlgorithms(Set<String> algorithms) implements HeaderValidator {
    public AllowedAlgorithms {
        algorithms = Set.copyOf(algorithms);
        if (algorithms.contains("none")) {
            throw new IllegalArgumentException("'none' cannot be allowed");
        }
    }

    @Override
    public void validate(JwsHeader header) throws TokenRejection {
        if (header.algorithm() == null || !algorithms.contains(header.algorithm())) {
            throw new TokenRejection(RejectionReason.UNSUPPORTED_ALGORITHM);
        }
    }
}
