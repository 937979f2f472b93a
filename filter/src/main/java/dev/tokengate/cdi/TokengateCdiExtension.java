package dev.tokengate.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Makes {@code @Inject JsonWebToken} give the token tokengate validated. smallrye-jwt's jar, which tokengate uses only
 * for its JOSE and key handling, also carries CDI beans (a request-scoped {@code JsonWebToken} producer, claim
 * producers, a configuration provider). Without a beans.xml they still become beans of the application, and they
 * would inject an empty token filled by a mechanism tokengate does not run. This extension vetoes them and adds
 * {@link JsonWebTokenProducer} instead. Registered in {@code META-INF/services}; where there is no CDI it is never
 * loaded, and the filter works the same.
 */
public final class TokengateCdiExtension implements Extension {
    private static final String SMALLRYE_JWT_PACKAGE = "io.smallrye.jwt.";

    void vetoSmallryeJwtBeans(@Observes ProcessAnnotatedType<?> event) {
        if (event.getAnnotatedType().getJavaClass().getName().startsWith(SMALLRYE_JWT_PACKAGE)) {
            event.veto();
        }
    }

    void addTokenProducer(@Observes BeforeBeanDiscovery event, BeanManager beans) {
        event.addAnnotatedType(beans.createAnnotatedType(JsonWebTokenProducer.class), JsonWebTokenProducer.class.getName());
    }
}
