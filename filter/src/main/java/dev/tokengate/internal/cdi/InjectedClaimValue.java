package dev.tokengate.internal.cdi;

import dev.tokengate.VerifiedToken;
import org.eclipse.microprofile.jwt.ClaimValue;

import java.util.function.Supplier;

/**
 * An injected {@code ClaimValue}: its value is read from the current request's token on every {@link #getValue()},
 * so that an {@code @ApplicationScoped} bean that holds it sees each request's caller, not the first one's.
 */
final class InjectedClaimValue<T> implements ClaimValue<T> {
    private final String name;
    private final ClaimTarget target;
    private final Supplier<VerifiedToken> currentToken;

    InjectedClaimValue(String name, ClaimTarget target, Supplier<VerifiedToken> currentToken) {
        this.name = name;
        this.target = target;
        this.currentToken = currentToken;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getValue() {
        return (T) ClaimConversion.value(currentToken.get(), name, target);
    }

    /** The claim's name only: its value may be a secret (the raw token), and a log must not show it. */
    @Override
    public String toString() {
        return "ClaimValue[" + name + "]";
    }
}
