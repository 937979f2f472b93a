package dev.tokengate.jaxrs;

import jakarta.servlet.ServletConfig;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers an {@link AuthorizationFilter} on every resource method governed by {@link RequiresScope} or a role
 * annotation ({@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll}), with the
 * requirement worked out once, here, at deployment: no annotation is read per request. Registered by
 * {@link TokengateFeature} alone (no {@code @Provider}: a server that both scans and loads services would otherwise
 * register it twice).
 */
public final class RequiresScopeFeature implements DynamicFeature {

    @Context
    private Application application;

    @Context
    private ServletConfig servletConfig;

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (resourceInfo.getResourceMethod() == null || resourceInfo.getResourceClass() == null) {
            return;
        }
        Class<?> applicationClass = applicationClass();
        var requirement = AccessRequirement.find(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod(),
                applicationClass);
        if (requirement.isPresent()) {
            context.register(new AuthorizationFilter(requirement.get()));
        } else if (applicationClass == null) {
            // The runtime showed no Application here (Apache CXF): its annotation, if any, is read per request.
            context.register(new ApplicationRequirementFilter(resourceInfo.getResourceClass(),
                    resourceInfo.getResourceMethod()));
        }
    }

    private Class<?> applicationClass() {
        return ApplicationClassLookup.find(application, servletConfig);
    }
}
