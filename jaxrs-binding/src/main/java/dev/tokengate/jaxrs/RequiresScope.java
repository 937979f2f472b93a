package dev.tokengate.jaxrs;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource runs only for a validated bearer token that grants these scopes: all of them, or one of them with
 * {@code any = true}; with no value, any valid token will do. A method's annotation replaces its class's, as with
 * {@code @RolesAllowed}; on the {@code Application} subclass it covers every resource without one of its own.
 * Scope values are compared exactly, case-sensitively.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    /**
     * The scopes (or permissions) the token must grant.
     *
     * @return the scopes; none means any valid token
     */
    String[] value() default {};

    /**
     * Whether one of {@link #value()} suffices.
     *
     * @return {@code true}: one of them; {@code false}: all of them
     */
    boolean any() default false;
}
