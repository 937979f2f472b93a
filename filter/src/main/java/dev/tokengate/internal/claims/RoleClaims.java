package dev.tokengate.internal.claims;

import dev.tokengate.Scopes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a token's roles are worked out: the strings at each configured claim path, merged; each one the mapping names
 * replaced by the roles it maps to (so a Keycloak group {@code patients-readers} can be the role {@code reader}), the
 * others kept as they are; and, only where switched on, the token's scopes, as they are.
 *
 * @param paths         where the roles (or groups) are
 * @param mapping       group to roles; empty for none
 * @param includeScopes whether every scope is also a role
 */
public record RoleClaims(List<ClaimPath> paths, Map<String, Set<String>> mapping, boolean includeScopes) {

    /**
     * MicroProfile JWT's {@code groups}, no mapping, scopes left out: a scope and a role are different namespaces (a
     * client asks for scopes; an administrator grants roles), so a scope named like a role must not grant it.
     */
    public static final RoleClaims DEFAULT = new RoleClaims(List.of(ClaimPath.parse("groups")), Map.of(), false);

    public RoleClaims {
        paths = List.copyOf(paths);
        mapping = Map.copyOf(mapping);
    }

    /**
     * @param claims the token's claims
     * @param scopes the scopes already read from them
     * @return the roles
     */
    public Set<String> extract(Map<String, Object> claims, Scopes scopes) {
        Set<String> found = new LinkedHashSet<>();
        for (ClaimPath path : paths) {
            path.addStrings(claims, found);
        }
        Set<String> roles = found;
        if (!mapping.isEmpty()) {
            roles = new LinkedHashSet<>();
            for (String group : found) {
                Set<String> mapped = mapping.get(group);
                if (mapped == null) {
                    roles.add(group);
                } else {
                    roles.addAll(mapped);
                }
            }
        }
        if (includeScopes) {
            roles.addAll(scopes.values());
        }
        // Set.copyOf, which VerifiedToken's own copy then returns as it is: one copy per token, not two.
        return Set.copyOf(roles);
    }
}
