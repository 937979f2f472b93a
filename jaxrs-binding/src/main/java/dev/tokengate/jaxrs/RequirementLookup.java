package dev.tokengate.jaxrs;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@link RequiresScope} that governs a resource method, once, at deployment. The closest declaration wins:
 * the method itself, then the same method as declared by a superclass or an implemented interface, then the
 * resource class, its superclasses and interfaces, then the {@code Application} subclass. A method's annotation
 * replaces its class's; they are never merged.
 */
final class RequirementLookup {
    private RequirementLookup() {
    }

    static Optional<RequiresScope> find(Class<?> resourceClass, Method method, Class<?> applicationClass) {
        RequiresScope onMethod = onMethodHierarchy(resourceClass, method);
        if (onMethod != null) {
            return Optional.of(onMethod);
        }
        RequiresScope onClass = onTypeHierarchy(resourceClass);
        if (onClass == null && method.getDeclaringClass() != resourceClass) {
            onClass = onTypeHierarchy(method.getDeclaringClass());
        }
        if (onClass != null) {
            return Optional.of(onClass);
        }
        return Optional.ofNullable(applicationClass == null ? null : onTypeHierarchy(applicationClass));
    }

    private static RequiresScope onMethodHierarchy(Class<?> resourceClass, Method method) {
        RequiresScope direct = method.getAnnotation(RequiresScope.class);
        if (direct != null) {
            return direct;
        }
        if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
            return null;
        }
        for (Class<?> type : typesOf(resourceClass)) {
            for (Method declared : type.getDeclaredMethods()) {
                RequiresScope found = declared.getAnnotation(RequiresScope.class);
                if (found != null && overrides(method, declared)) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code method} implements or overrides {@code declared}: same name and arity, and each parameter type
     * of {@code declared} accepts the corresponding one of {@code method}, which covers generic declarations such as
     * {@code Crud<T>.create(T)} implemented as {@code create(Patient)}. Erring towards a match errs towards enforcing.
     */
    private static boolean overrides(Method method, Method declared) {
        if (!declared.getName().equals(method.getName()) || declared.getParameterCount() != method.getParameterCount()
                || Modifier.isStatic(declared.getModifiers()) || Modifier.isPrivate(declared.getModifiers())) {
            return false;
        }
        Class<?>[] mine = method.getParameterTypes();
        Class<?>[] theirs = declared.getParameterTypes();
        for (int i = 0; i < mine.length; i++) {
            if (!theirs[i].isAssignableFrom(mine[i])) {
                return false;
            }
        }
        return true;
    }

    private static RequiresScope onTypeHierarchy(Class<?> start) {
        for (Class<?> type : typesOf(start)) {
            RequiresScope found = type.getAnnotation(RequiresScope.class);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The class, then its superclasses, then all interfaces, breadth first: the order Java resolves members in. */
    private static Iterable<Class<?>> typesOf(Class<?> start) {
        Set<Class<?>> ordered = new java.util.LinkedHashSet<>();
        for (Class<?> type = start; type != null && type != Object.class; type = type.getSuperclass()) {
            ordered.add(type);
        }
        Deque<Class<?>> queue = new ArrayDeque<>(ordered);
        Set<Class<?>> seen = new HashSet<>(ordered);
        while (!queue.isEmpty()) {
            for (Class<?> implemented : queue.removeFirst().getInterfaces()) {
                if (seen.add(implemented)) {
                    ordered.add(implemented);
                    queue.addLast(implemented);
                }
            }
        }
        return ordered;
    }
}
