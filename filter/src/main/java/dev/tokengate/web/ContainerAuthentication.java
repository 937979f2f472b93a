package dev.tokengate.web;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Registers {@link BearerAuthModule} for one application ({@code tokengate.container-authentication=true}) with the
 * Jakarta Authentication 3.0 call made for this ({@code AuthConfigFactory.registerServerAuthModule}), and removes it
 * when the application stops. Its signatures name only servlet types, so that the initializer, which calls it only
 * when asked to, loads no Jakarta Authentication class on a server without that API (Jetty without its
 * {@code jaspi} module).
 */
final class ContainerAuthentication {
    private ContainerAuthentication() {
    }

    /**
     * @throws IllegalStateException naming the cause, when the server has no Jakarta Authentication for applications
     */
    static void register(ServletContext context, TokengateRuntime runtime) {
        try {
            AuthConfigFactory factory = AuthConfigFactory.getFactory();
            if (factory == null) {
                throw new IllegalStateException("this server has no Jakarta Authentication factory");
            }
            factory.registerServerAuthModule(new BearerAuthModule(runtime), context);
        } catch (LinkageError e) {
            throw new IllegalStateException("this server gives applications no Jakarta Authentication API ("
                    + e.getClass().getSimpleName() + ")");
        } catch (UnsupportedOperationException | SecurityException e) {
            throw new IllegalStateException("this server's Jakarta Authentication refused the module ("
                    + e.getClass().getSimpleName() + ")");
        }
        context.addListener(new Removal());
    }

    private static final class Removal implements ServletContextListener {
        @Override
        public void contextDestroyed(ServletContextEvent event) {
            AuthConfigFactory factory = AuthConfigFactory.getFactory();
            if (factory != null) {
                factory.removeServerAuthModule(event.getServletContext());
            }
        }
    }
}
