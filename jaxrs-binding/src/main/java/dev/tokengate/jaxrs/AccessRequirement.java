package dev.tokengate.jaxrs;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Everything one resource method asks of its caller: its {@link RequiresDPoP}, its {@link RequiresIssuer}, its
 * {@link RequiresUserAuthentication}, its {@link RequiresScope}
 * and its role annotation, each found by {@link RequirementLookup} on its own (a method's {@code @RolesAllowed}
 * replaces its class's {@code @PermitAll} without touching the class's {@code @RequiresScope}). All present must hold.
 *
 * @param dpop   whether only DPoP-bound tokens with their proof will do ({@link RequiresDPoP})
 * @param issuer the accepted issuers, if restricted
 * @param login  the step-up requirement, if any
 * @param scope the scope requirement, if any
 * @param role  the role requirement, if any
 */
record AccessRequirement(boolean dpop, Optional<IssuerRequirement> issuer, Optional<LoginRequirement> login,
                         Optional<ScopeRequirement> scope, Optional<RoleRequirement> role) {

    static Optional<AccessRequirement> find(Class<?> resourceClass, Method method, Class<?> applicationClass) {
        boolean dpop = RequirementLookup.find(List.of(RequiresDPoP.class), resourceClass, method, applicationClass)
                .isPresent();
        Optional<IssuerRequirement> issuer = RequirementLookup.find(List.of(RequiresIssuer.class), resourceClass,
                method, applicationClass).map(found -> IssuerRequirement.of((RequiresIssuer) found));
        Optional<LoginRequirement> login = RequirementLookup.find(List.of(RequiresUserAuthentication.class),
                resourceClass, method, applicationClass).map(found -> LoginRequirement.of((RequiresUserAuthentication) found));
        Optional<ScopeRequirement> scope = RequirementLookup.find(List.of(RequiresScope.class), resourceClass, method,
                applicationClass).map(found -> ScopeRequirement.of((RequiresScope) found));
        Optional<RoleRequirement> role = RequirementLookup.find(RoleRequirement.FAMILY, resourceClass, method,
                applicationClass).map(RoleRequirement::of);
        return !dpop && issuer.isEmpty() && login.isEmpty() && scope.isEmpty() && role.isEmpty() ? Optional.empty()
                : Optional.of(new AccessRequirement(dpop, issuer, login, scope, role));
    }
}
