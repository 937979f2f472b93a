package dev.tokengate.jaxrs;

import dev.tokengate.Scopes;

import java.util.LinkedHashSet;
import java.util.List;

/** What one resource method needs, computed once at deployment from its {@link RequiresScope}. */
public record ScopeRequirement(List<String> scopes, boolean any) {

    public ScopeRequirement {
        scopes = List.copyOf(new LinkedHashSet<>(scopes));
    }

    public static ScopeRequirement of(RequiresScope annotation) {
        return new ScopeRequirement(List.of(annotation.value()), annotation.any());
    }

    /** Whether a token with these scopes may call the resource. An empty requirement needs only a valid token. */
    public boolean isSatisfiedBy(Scopes granted) {
        if (scopes.isEmpty()) {
            return true;
        }
        return any ? granted.containsAny(scopes) : granted.containsAll(scopes);
    }
}
