package dev.tokengate;

import java.util.Collection;
import java.util.Set;

/** The scopes (or permissions) a token grants, compared exactly and case-sensitively. */
public record Scopes(Set<String> values) {

    public static final Scopes NONE = new Scopes(Set.of());

    public Scopes {
        values = Set.copyOf(values);
    }

    public boolean contains(String scope) {
        return values.contains(scope);
    }

    public boolean containsAll(Collection<String> scopes) {
        return values.containsAll(scopes);
    }

    public boolean containsAny(Collection<String> scopes) {
        for (String scope : scopes) {
            if (values.contains(scope)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(" ", values);
    }
}
