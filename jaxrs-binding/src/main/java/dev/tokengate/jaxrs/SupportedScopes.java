package dev.tokengate.jaxrs;

import dev.tokengate.Scopes;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects, at deployment, every scope an {@link RequiresScope} of the application names, for the filter's RFC 9728
 * {@code scopes_supported} ({@link Scopes#SUPPORTED_ATTRIBUTE}). The container hands it the resource and
 * {@code Application} classes; sub-resources are followed through the return types of locator methods. Internal: a
 * public class only because the container instantiates it from {@code META-INF/services}.
 */
@HandlesTypes({Path.class, Application.class})
public final class SupportedScopes implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.setAttribute(Scopes.SUPPORTED_ATTRIBUTE, collect(classes == null ? Set.of() : classes));
    }

    static Set<String> collect(Set<Class<?>> roots) {
        Set<String> scopes = new TreeSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>(roots);
        Set<Class<?>> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Class<?> type = queue.removeFirst();
            if (!seen.add(type) || type.isAnnotation() || type.isPrimitive() || type == Object.class) {
                continue;
            }
            try {
                add(scopes, type.getAnnotation(RequiresScope.class));
                for (Class<?> implemented : type.getInterfaces()) {
                    queue.addLast(implemented);
                }
                if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
                    queue.addLast(type.getSuperclass());
                }
                for (Method method : type.getDeclaredMethods()) {
                    add(scopes, method.getAnnotation(RequiresScope.class));
                    if (method.isAnnotationPresent(Path.class) && !SubResourceGuard.isResourceMethod(method)) {
                        queue.addLast(method.getReturnType()); // a sub-resource locator: what it leads to counts too
                    }
                }
            } catch (LinkageError | RuntimeException unreadable) {
                // a class the container offered whose dependencies are missing serves nothing; a list of scopes
                // is not worth failing the deployment over
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    private static void add(Set<String> scopes, RequiresScope annotation) {
        if (annotation != null) {
            Collections.addAll(scopes, annotation.value());
        }
    }
}
