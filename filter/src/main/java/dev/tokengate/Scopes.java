package dev.tokengate;

import java.util.Collection;
import java.util.Set;

/** The scopes (or permissions) a token grants, compared exactly and case-sensitively. */
public record Scopes(Set<String> values) {

    /** A token that grants no scope. */
    public static final Scopes NONE = new Scopes(Set.of());

    /**
     * The {@code ServletContext} attribute holding the scopes the application's resources demand (a
     * {@code Set<String>}), which the JAX-RS binding collects at deployment from every {@code @RequiresScope}; the
     * filter lists them as {@code scopes_supported} in its RFC 9728 metadata document.
     */
    public static final String SUPPORTED_ATTRIBUTE = "dev.tokengate.scopes-supported";

    /**
     * Copies the values, so later changes to the given set do not show here.
     *
     * @param values the scope names
     */
    public Scopes {
        values = Set.copyOf(values);
    }

    /**
     * @param scope a scope name, compared exactly
     * @return whether the token grants it
     */
    public boolean contains(String scope) {
        return values.contains(scope);
    }

    /**
     * @param scopes scope names, compared exactly
     * @return whether the token grants every one of them ({@code true} for none)
     */
    public boolean containsAll(Collection<String> scopes) {
        return values.containsAll(scopes);
    }

    /**
     * @param scopes scope names, compared exactly
     * @return whether the token grants at least one of them ({@code false} for none)
     */
    public boolean containsAny(Collection<String> scopes) {
        for (String scope : scopes) {
            if (values.contains(scope)) {
                return true;
            }
        }
        return false;
    }

    /** @return the scopes space-separated, as the {@code scope} claim writes them */
    @Override
    public String toString() {
        return String.join(" ", values);
    }
}
