package dev.tokengate.internal.cdi;

import dev.tokengate.AccessDeniedException;
import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.interceptor.Interceptor;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The rule of the Jakarta Annotations specification for one bean method, as the JAX-RS binding applies it to
 * resources: the method's own annotation replaces its class's; on one element the strictest wins ({@code @DenyAll},
 * then {@code @RolesAllowed}, then {@code @PermitAll}); {@code @RolesAllowed({})} allows nobody. The class is the one
 * that declares the method, so a subclass's annotation does not reach an inherited method (the specification's rule).
 */
final class RoleCheck {
    /** Before {@code @Transactional} (platform + 200): a refused call starts no transaction, as with EJB security. */
    static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 100;

    private RoleCheck() {
    }

    /** What the check needs to know about the caller of the current request. */
    interface Caller {
        /** tokengate's outcome for the request, or {@code null} when the filter did not see it (or there is none). */
        Authentication authentication();

        /** Whether the container knows a caller by some other mechanism than a bearer token (a login form, say). */
        boolean containerKnowsCaller();

        /** The container's {@code isUserInRole}, for such a caller. */
        boolean containerGrants(String role);
    }

    /** Returns when {@code caller} may call {@code method}; throws otherwise. */
    static void enforce(Method method, Caller caller) {
        Object rule = strictest(method);
        if (rule == null) {
            rule = strictest(method.getDeclaringClass());
        }
        if (rule == null || rule instanceof PermitAll) {
            return;
        }
        if (rule instanceof DenyAll || ((RolesAllowed) rule).value().length == 0) {
            throw new AccessDeniedException(RejectionReason.CLOSED_TO_ALL);
        }
        String[] allowed = ((RolesAllowed) rule).value();
        Authentication authentication = caller.authentication();
        if (authentication instanceof Authentication.Authenticated authenticated) {
            if (Arrays.stream(allowed).anyMatch(authenticated.token().getRoles()::contains)) {
                return;
            }
            throw new AccessDeniedException(RejectionReason.MISSING_ROLE);
        }
        if (authentication == null || authentication instanceof Authentication.Anonymous) {
            if (!caller.containerKnowsCaller()) {
                throw new AccessDeniedException(RejectionReason.MISSING_TOKEN);
            }
            if (Arrays.stream(allowed).anyMatch(caller::containerGrants)) {
                return;
            }
            throw new AccessDeniedException(RejectionReason.MISSING_ROLE);
        }
        throw new AccessDeniedException(authentication instanceof Authentication.Rejected rejected
                ? rejected.reason() : RejectionReason.ISSUER_UNAVAILABLE);
    }

    private static Object strictest(AnnotatedElement element) {
        DenyAll denyAll = element.getAnnotation(DenyAll.class);
        if (denyAll != null) {
            return denyAll;
        }
        RolesAllowed rolesAllowed = element.getAnnotation(RolesAllowed.class);
        return rolesAllowed != null ? rolesAllowed : element.getAnnotation(PermitAll.class);
    }
}
