package dev.tokengate.internal.cdi;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;

/**
 * Makes {@code @RolesAllowed} and {@code @DenyAll} on CDI beans mean something: Jakarta EE enforces them on EJBs and
 * (with tokengate's binding) on JAX-RS resources, but on a plain CDI bean they are ignored on every server. They are
 * declared interceptor bindings here ({@code value} non-binding, so one interceptor serves every role list) and
 * {@link RolesAllowedInterceptor} and {@link DenyAllInterceptor} are added as interceptors. The interceptor classes
 * carry no {@code @Interceptor} of their own: were this extension not run, scanning would not find half-made
 * interceptors and fail the deployment. Registered in {@code META-INF/services}; without CDI nothing loads it.
 */
public class RoleAnnotationsExtension implements Extension {

    void declareRoleAnnotations(@Observes BeforeBeanDiscovery discovery) {
        discovery.configureInterceptorBinding(RolesAllowed.class).methods()
                .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
        discovery.addInterceptorBinding(DenyAll.class);
        discovery.addAnnotatedType(RolesAllowedInterceptor.class, RolesAllowedInterceptor.class.getName())
                .add(InterceptorLiteral.INSTANCE);
        discovery.addAnnotatedType(DenyAllInterceptor.class, DenyAllInterceptor.class.getName())
                .add(InterceptorLiteral.INSTANCE);
    }

    @SuppressWarnings("all")
    private static final class InterceptorLiteral extends AnnotationLiteral<Interceptor> implements Interceptor {
        static final InterceptorLiteral INSTANCE = new InterceptorLiteral();
        private static final long serialVersionUID = 1L;
    }
}
