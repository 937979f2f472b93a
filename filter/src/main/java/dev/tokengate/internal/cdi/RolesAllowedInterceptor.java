package dev.tokengate.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;

/** Checks a CDI bean's {@code @RolesAllowed} (made an interceptor binding by {@link RoleAnnotationsExtension}). */
@RolesAllowed({})
@Priority(RoleCheck.PRIORITY)
public class RolesAllowedInterceptor extends RoleCheckingInterceptor {
}
