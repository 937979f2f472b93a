package dev.tokengate.internal.cdi;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/** The injected {@code JsonWebToken} of a request without a validated token: no name, no claims. */
final class AbsentToken implements JsonWebToken {
    static final AbsentToken INSTANCE = new AbsentToken();

    private AbsentToken() {
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        return Set.of();
    }

    @Override
    public <T> T getClaim(String claimName) {
        return null;
    }

    @Override
    public String toString() {
        return "AbsentToken";
    }
}
