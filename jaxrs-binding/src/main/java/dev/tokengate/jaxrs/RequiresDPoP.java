package dev.tokengate.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource accepts only DPoP-bound access tokens with a valid proof of possession (RFC 9449), even where the
 * application also accepts plain bearer tokens ({@code tokengate.dpop.policy=allowed}). A bearer token, valid or not,
 * is answered 401 with a {@code DPoP} challenge alone; so is a request without a token. Found like
 * {@link RequiresScope} (a method's annotation replaces its class's; the {@code Application} subclass covers every
 * resource without one) and checked before any other requirement. It works whatever {@code tokengate.dpop.policy}
 * says: under the default {@code disabled}, the binding tells the filter at deployment that a resource requires DPoP,
 * and the filter then understands the {@code DPoP} scheme, while other resources go on offering {@code Bearer} alone.
 * (Should the binding's {@code ServletContainerInitializer} not run, such a resource answers 503 and the server log
 * says why.)
 *
 * <p>There is no annotation that loosens an application-wide {@code required} policy for one resource: where the
 * application refuses bearer tokens, a token stolen from one of its clients must be useless against all of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresDPoP {
}
