package dev.tokengate.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Announces the runtime the initializer built once the application starts, and releases it when the application
 * stops: an undeploy leaves no thread, MBean or meter behind. Announcing waits for {@code contextInitialized}, not the
 * initializer, because every container has started the application's CDI by then, where the metrics registries are.
 */
final class RuntimeLifecycle implements ServletContextListener {
    private final TokengateRuntime runtime;

    RuntimeLifecycle(TokengateRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        runtime.announce(event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(ServletContextRuntime.ATTRIBUTE);
        runtime.close();
    }
}
