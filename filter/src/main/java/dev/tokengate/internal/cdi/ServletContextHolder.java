package dev.tokengate.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;

/**
 * The application's {@code ServletContext}, as CDI announces it when the application starts (the payload of
 * {@code @Initialized(ApplicationScoped.class)} in a web application): how beans that are not called within a request,
 * such as a health check, find what tokengate published for this application.
 */
@ApplicationScoped
public class ServletContextHolder {
    private volatile ServletContext context;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext started) {
        this.context = started;
    }

    /** @return the context, or {@code null} before the application has started */
    public ServletContext context() {
        return context;
    }
}
