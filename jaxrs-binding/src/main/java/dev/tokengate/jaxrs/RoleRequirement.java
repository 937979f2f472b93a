package dev.tokengate.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;

/**
 * What {@code @DenyAll}, {@code @RolesAllowed} or {@code @PermitAll} asks of a caller, worked out once at deployment.
 * {@code @RolesAllowed({})} allows nobody, as the Jakarta Annotations specification says.
 *
 * @param kind  which annotation
 * @param roles for {@code @RolesAllowed}: any one of them will do
 */
record RoleRequirement(Kind kind, Set<String> roles) {

    /** The annotations of the family, strictest first: when one element carries several, the strictest wins. */
    static final List<Class<? extends Annotation>> FAMILY = List.of(DenyAll.class, RolesAllowed.class, PermitAll.class);

    enum Kind { DENY_ALL, ROLES_ALLOWED, PERMIT_ALL }

    RoleRequirement {
        roles = Set.copyOf(roles);
    }

    static RoleRequirement of(Annotation annotation) {
        if (annotation instanceof RolesAllowed allowed) {
            return allowed.value().length == 0 ? new RoleRequirement(Kind.DENY_ALL, Set.of())
                    : new RoleRequirement(Kind.ROLES_ALLOWED, Set.of(allowed.value()));
        }
        return new RoleRequirement(annotation instanceof DenyAll ? Kind.DENY_ALL : Kind.PERMIT_ALL, Set.of());
    }

    /** Whether a caller with these roles may call the resource (for {@code ROLES_ALLOWED}). */
    boolean isSatisfiedBy(Set<String> granted) {
        return switch (kind) {
            case DENY_ALL -> false;
            case PERMIT_ALL -> true;
            case ROLES_ALLOWED -> roles.stream().anyMatch(granted::contains);
        };
    }
}
