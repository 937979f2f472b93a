package dev.tokengate.internal.cdi;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;

/**
 * Checks a CDI bean's {@code @DenyAll}. A separate interceptor because a CDI interceptor applies only where all its
 * bindings are; where both annotations sit on one bean, both interceptors reach the same verdict ({@link RoleCheck}).
 */
@DenyAll
@Priority(RoleCheck.PRIORITY)
public class DenyAllInterceptor extends RoleCheckingInterceptor {
}
