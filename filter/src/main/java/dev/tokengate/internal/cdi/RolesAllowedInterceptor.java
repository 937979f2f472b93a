package dev.tokengate.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

/** Checks a CDI bean's {@code @RolesAllowed} (made an interceptor binding by {@link RoleAnnotationsExtension}). */
@RolesAllowed({})
@Priority(RoleCheck.PRIORITY)
public class RolesAllowedInterceptor {
    @Inject
    HttpServletRequest request;

    @AroundInvoke
    Object checkRoles(InvocationContext invocation) throws Exception {
        RoleCheck.enforce(invocation.getMethod(), new RequestCaller(request));
        return invocation.proceed();
    }
}
