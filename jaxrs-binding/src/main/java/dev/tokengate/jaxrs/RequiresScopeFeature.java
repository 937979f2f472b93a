package dev.tokengate.jaxrs;

import jakarta.servlet.ServletConfig;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Registers a {@link ScopeAuthorizationFilter} on every resource method governed by {@link RequiresScope}, with the
 * requirement worked out once, here, at deployment: no annotation is read per request. Found by the server through
 * {@link TokengateFeature} (itself found through {@code META-INF/services}) or by scanning ({@code @Provider}).
 */
@Provider
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
        RequirementLookup.find(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod(), applicationClass())
                .map(ScopeRequirement::of)
                .ifPresent(requirement -> context.register(new ScopeAuthorizationFilter(requirement)));
    }

    private Class<?> applicationClass() {
        return ApplicationClassLookup.find(application, servletConfig);
    }
}
