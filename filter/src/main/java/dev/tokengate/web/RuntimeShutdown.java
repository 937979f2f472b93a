package dev.tokengate.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Releases the runtime the initializer built when the application stops: an undeploy leaves no thread behind. */
final class RuntimeShutdown implements ServletContextListener {
    private final TokengateRuntime runtime;

    RuntimeShutdown(TokengateRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(ServletContextRuntime.ATTRIBUTE);
        runtime.close();
    }
}
