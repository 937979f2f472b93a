package dev.tokengate.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource accepts tokens only from these configured issuers ({@code default} for the one the
 * {@code mp.jwt.*} properties define, or names from {@code tokengate.issuers}); a token that another trusted issuer
 * accepted is answered 403. Found like {@link RequiresScope}: a method's annotation replaces its class's, the
 * {@code Application} subclass covers every resource without one; beside {@code @RequiresScope}, a role annotation or
 * {@link RequiresUserAuthentication}, all must hold, and the issuer is checked first. So scopes and roles are
 * restricted to issuers by putting this beside them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresIssuer {
    /**
     * The names of the accepted issuers.
     *
     * @return at least one name; none fails the deployment
     */
    String[] value();
}
