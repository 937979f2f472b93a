package dev.tokengate.jaxrs;

import dev.tokengate.Scopes;

import java.util.LinkedHashSet;
import java.util.List;

/** What one resource method needs, computed once at deployment from its {@link RequiresScope}. */
record ScopeRequirement(List<String> scopes, boolean any) {

    public ScopeRequirement {
        scopes = List.copyOf(new LinkedHashSet<>(scopes));
        for (String scope : scopes) {
            // RFC 6749 §3.3 scope-token: the 403 challenge quotes these, so nothing may break out of the quotes.
            if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                throw new IllegalArgumentException("@RequiresScope value \"" + scope + "\" is not a valid scope name"
                        + " (RFC 6749 §3.3: printable ASCII without space, '\"' or '\\')");
            }
        }
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
