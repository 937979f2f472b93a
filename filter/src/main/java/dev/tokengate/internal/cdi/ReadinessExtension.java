package dev.tokengate.internal.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds tokengate's readiness check where the server has MicroProfile Health. Nothing here names the Health API: the
 * check's class is loaded only after the API was found, so a server without it (Tomcat, Jetty, Open Liberty's web
 * profile) never loads a class it could not link.
 */
public class ReadinessExtension implements Extension {
    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";
    static final String CHECK = "dev.tokengate.internal.health.ReadinessCheck";

    void addReadinessCheck(@Observes BeforeBeanDiscovery discovery) {
        if (visible(HEALTH_CHECK)) {
            discovery.addAnnotatedType(dev.tokengate.internal.health.ReadinessCheck.class, CHECK);
        }
    }

    /** Whether the class is there for this jar's code: what linking the check would need. */
    static boolean visible(String className) {
        try {
            Class.forName(className, false, ReadinessExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
