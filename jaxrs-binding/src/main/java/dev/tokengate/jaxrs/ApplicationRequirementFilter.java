package dev.tokengate.jaxrs;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * For a resource method with no {@link RequiresScope} of its own or of its class, on a runtime that shows dynamic
 * features no {@code Application} (Apache CXF, so TomEE): an annotation on the {@code Application} subclass would
 * otherwise be ignored there. The runtime does inject the application into a request filter, so its requirement is
 * worked out on the first request that has it, and kept.
 */
@Priority(AuthorizationFilter.PRIORITY)
public final class ApplicationRequirementFilter implements ContainerRequestFilter {
    private final Class<?> resourceClass;
    private final Method method;
    private volatile Optional<AccessRequirement> requirement;

    @Context
    private Application application;

    ApplicationRequirementFilter(Class<?> resourceClass, Method method) {
        this.resourceClass = resourceClass;
        this.method = method;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<AccessRequirement> known = requirement;
        if (known == null) {
            if (application == null) {
                return; // nothing to go by yet: the method has no requirement of its own
            }
            known = AccessRequirement.find(resourceClass, method, application.getClass());
            requirement = known;
        }
        known.ifPresent(needed -> AuthorizationFilter.authorize(request, needed));
    }
}
