package dev.tokengate.jaxrs;

import dev.tokengate.RequestAuthentication;
import dev.tokengate.Scopes;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Collects, at deployment, every scope an {@link RequiresScope} of the application names, for the filter's RFC 9728
 * {@code scopes_supported} ({@link Scopes#SUPPORTED_ATTRIBUTE}), and tells the filter whether any resource
 * {@link RequiresDPoP} ({@link RequestAuthentication#DPOP_RESOURCES_ATTRIBUTE}). The container hands it the resource and
 * {@code Application} classes; sub-resources are followed through the return types of locator methods. Internal: a
 * public class only because the container instantiates it from {@code META-INF/services}.
 */
@HandlesTypes({Path.class, Application.class})
public final class SupportedScopes implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Set<Class<?>> roots = classes == null ? Set.of() : classes;
        context.setAttribute(Scopes.SUPPORTED_ATTRIBUTE, collect(roots));
        if (requiresDPoPAnywhere(roots)) {
            context.setAttribute(RequestAuthentication.DPOP_RESOURCES_ATTRIBUTE, Boolean.TRUE);
        }
    }

    static Set<String> collect(Set<Class<?>> roots) {
        Set<String> scopes = new TreeSet<>();
        walk(roots, element -> {
            RequiresScope annotation = element.getAnnotation(RequiresScope.class);
            if (annotation != null) {
                Collections.addAll(scopes, annotation.value());
            }
        });
        return Collections.unmodifiableSet(scopes);
    }

    /** Whether any resource, method or {@code Application} carries {@link RequiresDPoP}. */
    static boolean requiresDPoPAnywhere(Set<Class<?>> roots) {
        boolean[] found = {false};
        walk(roots, element -> found[0] |= element.isAnnotationPresent(RequiresDPoP.class));
        return found[0];
    }

    /** Every class reachable from the roots (supertypes, sub-resource locators' types) and each of their methods. */
    private static void walk(Set<Class<?>> roots, Consumer<AnnotatedElement> visit) {
        Deque<Class<?>> queue = new ArrayDeque<>(roots);
        Set<Class<?>> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Class<?> type = queue.removeFirst();
            if (!seen.add(type) || type.isAnnotation() || type.isPrimitive() || type == Object.class) {
                continue;
            }
            try {
                visit.accept(type);
                for (Class<?> implemented : type.getInterfaces()) {
                    queue.addLast(implemented);
                }
                if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
                    queue.addLast(type.getSuperclass());
                }
                for (Method method : type.getDeclaredMethods()) {
                    visit.accept(method);
                    if (method.isAnnotationPresent(Path.class) && !SubResourceGuard.isResourceMethod(method)) {
                        queue.addLast(method.getReturnType()); // a sub-resource locator: what it leads to counts too
                    }
                }
            } catch (LinkageError | RuntimeException unreadable) {
                // a class the container offered whose dependencies are missing serves nothing; what it declares is
                // not worth failing the deployment over
            }
        }
    }
}
