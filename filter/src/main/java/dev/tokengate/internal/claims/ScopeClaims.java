package dev.tokengate.internal.claims;

import dev.tokengate.Scopes;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which claims carry scopes, and how to read them: a space-separated string ({@code scope}, RFC 8693 / RFC 9068; also
 * {@code scp} as some issuers send it) or an array of strings ({@code scp} from Okta or Entra ID, {@code permissions}
 * from Auth0 RBAC). The values of every listed claim are merged.
 */
public record ScopeClaims(List<String> claimNames) {

    public static final ScopeClaims DEFAULT = new ScopeClaims(List.of("scope", "scp", "permissions"));

    public ScopeClaims {
        claimNames = List.copyOf(claimNames);
    }

    public Scopes extract(Map<String, ?> claims) {
        Set<String> scopes = null;
        for (String name : claimNames) {
            Object value = claims.get(name);
            if (value == null) {
                continue;
            }
            if (scopes == null) {
                scopes = new LinkedHashSet<>();
            }
            if (value instanceof String text) {
                addSpaceSeparated(text, scopes);
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    // Non-string array members grant nothing: a number is not a scope name.
                    if (item instanceof String scope && !scope.isEmpty()) {
                        scopes.add(scope);
                    }
                }
            }
        }
        return scopes == null ? Scopes.NONE : new Scopes(scopes);
    }

    private static void addSpaceSeparated(String text, Set<String> into) {
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                into.add(text.substring(start, end));
            }
            start = end + 1;
        }
    }
}
