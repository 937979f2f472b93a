package dev.tokengate.jaxrs;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the annotation of a family (the one {@link RequiresScope}; or {@code @DenyAll}, {@code @RolesAllowed} and
 * {@code @PermitAll}) that governs a resource method, once, at deployment. The closest declaration wins: the method
 * itself, then the same method as declared by a superclass or an implemented interface, then the resource class, its
 * superclasses and interfaces, then the {@code Application} subclass. A method's annotation replaces its class's;
 * they are never merged. Where one element carries several of a family, the first in the family's order wins: the
 * families list the strictest first.
 */
final class RequirementLookup {
    private RequirementLookup() {
    }

    static Optional<Annotation> find(List<Class<? extends Annotation>> family, Class<?> resourceClass, Method method,
                                     Class<?> applicationClass) {
        Annotation onMethod = onMethodHierarchy(family, resourceClass, method);
        if (onMethod != null) {
            return Optional.of(onMethod);
        }
        Annotation onClass = onTypeHierarchy(family, resourceClass);
        if (onClass == null && method.getDeclaringClass() != resourceClass) {
            onClass = onTypeHierarchy(family, method.getDeclaringClass());
        }
        if (onClass != null) {
            return Optional.of(onClass);
        }
        return Optional.ofNullable(applicationClass == null ? null : onTypeHierarchy(family, applicationClass));
    }

    private static Annotation first(List<Class<? extends Annotation>> family, AnnotatedElement element) {
        for (Class<? extends Annotation> type : family) {
            Annotation found = element.getAnnotation(type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Annotation onMethodHierarchy(List<Class<? extends Annotation>> family, Class<?> resourceClass,
                                                Method method) {
        Annotation direct = first(family, method);
        if (direct != null) {
            return direct;
        }
        if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
            return null;
        }
        for (Class<?> type : typesOf(resourceClass)) {
            for (Method declared : type.getDeclaredMethods()) {
                Annotation found = first(family, declared);
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

    private static Annotation onTypeHierarchy(List<Class<? extends Annotation>> family, Class<?> start) {
        for (Class<?> type : typesOf(start)) {
            Annotation found = first(family, type);
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
