package dev.tokengate.internal.health;

import dev.tokengate.internal.cdi.ServletContextHolder;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * tokengate's MicroProfile Health readiness check, named {@value #NAME}: down while an issuer whose keys come from a
 * JWKS has never had a key set loaded, or while introspection or userinfo calls have failed past
 * {@code tokengate.health.failure-threshold}; each such issuer is a data entry with its last error. Up before the
 * application has started tokengate (nothing to wait for yet) and where tokengate is switched off. Registered as a
 * synthetic bean by {@code ReadinessExtension}, only where the API exists; never a liveness check.
 */
public final class ReadinessCheck implements HealthCheck {
    static final String NAME = "tokengate";

    private final BeanManager beans;

    private ReadinessCheck(BeanManager beans) {
        this.beans = beans;
    }

    public static void register(AfterBeanDiscovery discovery, BeanManager beans) {
        discovery.addBean()
                .beanClass(ReadinessCheck.class)
                .types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .createWith(creation -> new ReadinessCheck(beans));
    }

    @Override
    public HealthCheckResponse call() {
        ServletContext context = beans.createInstance().select(ServletContextHolder.class).get().context();
        Object published = context == null ? null : context.getAttribute(dev.tokengate.internal.metrics.Readiness.ATTRIBUTE);
        List<String> problems = published instanceof dev.tokengate.internal.metrics.Readiness readiness
                ? readiness.problems() : List.of();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(problems.isEmpty());
        for (String problem : problems) {
            int colon = problem.indexOf(':');
            response.withData(colon > 0 ? problem.substring(0, colon) : "issuer", colon > 0 ? problem.substring(colon + 1).trim() : problem);
        }
        return response.build();
    }
}
