package dev.tokengate.internal.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds tokengate's readiness check where the server has MicroProfile Health. Nothing here names the Health API: the
 * check's class is loaded only after the API was found, so a server without it (Tomcat, Jetty, Open Liberty's web
 * profile) never loads a class it could not link.
 */
public class ReadinessExtension implements Extension {
    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    void addReadinessCheck(@Observes AfterBeanDiscovery discovery, BeanManager beans) {
        if (visible(HEALTH_CHECK)) {
            dev.tokengate.internal.health.ReadinessCheck.register(discovery, beans);
        }
    }

    static boolean visible(String className) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName(className, false, application != null ? application : ReadinessExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
