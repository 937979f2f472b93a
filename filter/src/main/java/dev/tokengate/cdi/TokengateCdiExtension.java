package dev.tokengate.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Makes {@code @Inject JsonWebToken} give the token tokengate validated, by adding {@link JsonWebTokenProducer} to the
 * application's beans (the jar has no {@code beans.xml}, so nothing else of it becomes a bean). It observes only
 * {@link BeforeBeanDiscovery}: observing every {@code ProcessAnnotatedType} would slow every deployment (Weld warns
 * about it). Registered in {@code META-INF/services}; where there is no CDI it is never loaded, and the filter works
 * the same.
 */
public final class TokengateCdiExtension implements Extension {

    void addTokenProducer(@Observes BeforeBeanDiscovery event, BeanManager beans) {
        event.addAnnotatedType(beans.createAnnotatedType(JsonWebTokenProducer.class), JsonWebTokenProducer.class.getName());
    }
}
