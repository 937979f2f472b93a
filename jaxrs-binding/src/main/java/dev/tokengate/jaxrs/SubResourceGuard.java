package dev.tokengate.jaxrs;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jakarta REST ignores name bindings on sub-resource locators, so {@code @RequiresScope} on a locator method, or on
 * the class that holds it, would otherwise guard nothing reached through it: a security annotation that silently does
 * nothing. This filter makes it count. For every resource a request passed through on its way to the sub-resource
 * ({@code UriInfo.getMatchedResources()}), the requirement of the locator that led on (its own annotation, else its
 * class's) must be met too. Which locator led on is told by its return type; when several could have, all their
 * requirements apply, erring towards refusing. Worked out once per (parent, child) class pair.
 */
@Priority(Priorities.AUTHORIZATION)
public final class SubResourceGuard implements ContainerRequestFilter {
    private record Hop(Class<?> parent, Class<?> child) {
    }

    private final Map<Hop, List<ScopeRequirement>> requirements = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        List<Object> matched = request.getUriInfo().getMatchedResources();
        // Current resource first, root last: a request that went through no locator has nothing for us.
        for (int i = 1; i < matched.size(); i++) {
            Hop hop = new Hop(matched.get(i).getClass(), matched.get(i - 1).getClass());
            for (ScopeRequirement requirement : requirements.computeIfAbsent(hop, SubResourceGuard::requirementsOf)) {
                if (!ScopeAuthorizationFilter.authorize(request, requirement)) {
                    return;
                }
            }
        }
    }

    private static List<ScopeRequirement> requirementsOf(Hop hop) {
        List<Method> locators = new ArrayList<>();
        for (Method method : hop.parent().getMethods()) {
            if (method.isAnnotationPresent(Path.class) && !isResourceMethod(method)) {
                locators.add(method);
            }
        }
        List<Method> leadingOn = locators.stream()
                .filter(locator -> locator.getReturnType().isAssignableFrom(hop.child()) && locator.getReturnType() != Object.class)
                .toList();
        Set<ScopeRequirement> found = new LinkedHashSet<>();
        for (Method locator : leadingOn.isEmpty() ? locators : leadingOn) {
            RequirementLookup.find(hop.parent(), locator, null).map(ScopeRequirement::of).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    private static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
