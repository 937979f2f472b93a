package dev.tokengate.jaxrs;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jakarta REST ignores name bindings on sub-resource locators, so {@code @RequiresScope} on a locator method, or on
 * the class that holds it, would otherwise guard nothing reached through it: a security annotation that silently does
 * nothing. This filter makes it count. For every resource a request passed through on its way to the sub-resource
 * ({@code UriInfo.getMatchedResources()}), the requirement of the locator that led on (its own annotation, else its
 * class's) must be met too. Which locator led on is told by its return type; when several could have, all their
 * requirements apply, erring towards refusing. Worked out once per (parent, child) class pair.
 *
 * <p>The sub-resource's own method is checked here too: Jersey and RESTEasy apply dynamic features to sub-resource
 * methods, Apache CXF does not, so without this its annotation would be ignored there. Where the feature did bind it,
 * this is the same check once more. (CXF also lists root resources as classes rather than instances.)
 */
@Priority(AuthorizationFilter.PRIORITY)
public final class SubResourceGuard implements ContainerRequestFilter {
    private record Hop(Class<?> parent, Class<?> child) {
    }

    private record Target(Class<?> resource, Method method) {
    }

    private final Map<Hop, List<AccessRequirement>> requirements = new ConcurrentHashMap<>();
    private final Map<Target, Optional<AccessRequirement>> subResourceMethods = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        List<Object> matched = request.getUriInfo().getMatchedResources();
        // Current resource first, root last: a request that went through no locator has nothing for us.
        if (matched.size() < 2) {
            return;
        }
        for (int i = 1; i < matched.size(); i++) {
            Hop hop = new Hop(classOf(matched.get(i)), classOf(matched.get(i - 1)));
            for (AccessRequirement requirement : requirements.computeIfAbsent(hop, SubResourceGuard::requirementsOf)) {
                if (!AuthorizationFilter.authorize(request, requirement)) {
                    return;
                }
            }
        }
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null) {
            Target target = new Target(classOf(matched.get(0)), method);
            subResourceMethods.computeIfAbsent(target, t -> AccessRequirement.find(t.resource(), t.method(), null))
                    .ifPresent(requirement -> AuthorizationFilter.authorize(request, requirement));
        }
    }

    private static Class<?> classOf(Object matchedResource) {
        return matchedResource instanceof Class<?> type ? type : matchedResource.getClass();
    }

    private static List<AccessRequirement> requirementsOf(Hop hop) {
        List<Method> locators = new ArrayList<>();
        for (Method method : hop.parent().getMethods()) {
            if (method.isAnnotationPresent(Path.class) && !isResourceMethod(method)) {
                locators.add(method);
            }
        }
        List<Method> leadingOn = locators.stream()
                .filter(locator -> locator.getReturnType().isAssignableFrom(hop.child()) && locator.getReturnType() != Object.class)
                .toList();
        Set<AccessRequirement> found = new LinkedHashSet<>();
        for (Method locator : leadingOn.isEmpty() ? locators : leadingOn) {
            AccessRequirement.find(hop.parent(), locator, null).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /** Whether {@code method} is a resource method (it carries an HTTP method annotation), not a locator. */
    static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
