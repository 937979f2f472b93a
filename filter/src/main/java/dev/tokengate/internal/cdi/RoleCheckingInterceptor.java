package dev.tokengate.internal.cdi;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What {@link RolesAllowedInterceptor} and {@link DenyAllInterceptor} do, once: apply {@link RoleCheck} to the
 * intercepted method for the current request's caller, then proceed. CDI inherits the injection and the
 * {@code @AroundInvoke} method; the subclasses only carry the bindings.
 */
public abstract class RoleCheckingInterceptor {
    @Inject
    HttpServletRequest request;

    @AroundInvoke
    Object checkRoles(InvocationContext invocation) throws Exception {
        RoleCheck.enforce(invocation.getMethod(), new RequestCaller(request));
        return invocation.proceed();
    }
}
