package dev.tokengate.jaxrs;

import java.util.Set;

/**
 * Which configured issuers one resource method accepts, from its {@link RequiresIssuer}, worked out at deployment.
 *
 * @param names the accepted issuers' names
 */
record IssuerRequirement(Set<String> names) {

    IssuerRequirement {
        names = Set.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("@RequiresIssuer names no issuer: it would accept no token at all");
        }
    }

    static IssuerRequirement of(RequiresIssuer annotation) {
        return new IssuerRequirement(Set.of(annotation.value()));
    }
}
