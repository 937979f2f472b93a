package dev.tokengate.internal.cdi;

import dev.tokengate.internal.OptionalApis;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds the beans that implement an API only some servers have: tokengate's readiness check where the server has
 * MicroProfile Health, the holder of the application metric registry where it has MicroProfile Metrics. Nothing here
 * names those APIs; each bean's class is loaded only after its API was found, so a server without it (Tomcat, Jetty,
 * Open Liberty's web profile) never loads a class it could not link.
 */
public class OptionalBeansExtension implements Extension {
    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";
    static final String CHECK = "dev.tokengate.internal.health.ReadinessCheck";
    static final String METRIC_REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";
    static final String REGISTRY_HOLDER = "dev.tokengate.internal.metrics.export.ApplicationRegistry";

    void addOptionalBeans(@Observes BeforeBeanDiscovery discovery) {
        if (OptionalApis.present(HEALTH_CHECK)) {
            discovery.addAnnotatedType(dev.tokengate.internal.health.ReadinessCheck.class, CHECK);
        }
        if (OptionalApis.present(METRIC_REGISTRY)) {
            discovery.addAnnotatedType(dev.tokengate.internal.metrics.export.ApplicationRegistry.class, REGISTRY_HOLDER);
        }
    }
}
