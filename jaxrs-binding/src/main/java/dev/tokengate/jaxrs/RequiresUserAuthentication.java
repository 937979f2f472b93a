package dev.tokengate.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * RFC 9470 step-up: the resource runs only for a validated token whose login was one of these authentication context
 * classes ({@code acr}) and/or happened at most {@link #maxAge()} seconds ago ({@code auth_time}). A token that falls
 * short is answered 401 {@code error="insufficient_user_authentication"} with {@code acr_values} and {@code max_age},
 * so the client can have the user log in again (an authorization request with those parameters). Found like
 * {@link RequiresScope}: a method's annotation replaces its class's, the {@code Application} subclass covers every
 * resource without one; beside {@code @RequiresScope} or a role annotation, all must hold (the login is checked first:
 * a new login may also bring the scopes).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresUserAuthentication {
    /**
     * The accepted {@code acr} values, any one of them; compared exactly. Printable ASCII without spaces, quotes or
     * backslashes (they are sent in the challenge as they are); anything else fails the deployment.
     *
     * @return the accepted values; none: any {@code acr}
     */
    String[] acr() default {};

    /**
     * The greatest age of the login in seconds, measured from the token's {@code auth_time} (the configured clock
     * skew allowed); a token without {@code auth_time} falls short.
     *
     * @return seconds; negative (the default): any age
     */
    long maxAge() default -1;
}
