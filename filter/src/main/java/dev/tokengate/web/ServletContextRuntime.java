package dev.tokengate.web;

import dev.tokengate.internal.config.PropertyNames;

import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.PropertySources;
import dev.tokengate.internal.config.TokengateConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import java.time.Clock;

/** Where an application's {@link TokengateRuntime} lives: an attribute of its servlet context. */
final class ServletContextRuntime {
    static final String ATTRIBUTE = TokengateRuntime.class.getName();

    private ServletContextRuntime() {
    }

    /** The runtime of an application: the one its initializer built, or a new one from its configuration. */
    static TokengateRuntime forContext(ServletContext context) throws ServletException {
        if (context.getAttribute(ATTRIBUTE) instanceof TokengateRuntime existing) {
            return existing;
        }
        try {
            ClassLoader classLoader = classLoaderOf(context);
            TokengateConfig config = new ConfigLoader(PropertySources.forApplication(classLoader), classLoader).load();
            if (config.filter().containerAuthentication()) {
                // the module must be registered while the application starts, which only the initializer can do
                throw new ServletException("tokengate: " + PropertyNames.CONTAINER_AUTHENTICATION + "=true needs the"
                        + " filter registered by tokengate itself (" + PropertyNames.AUTO_REGISTER + "=true), not in web.xml");
            }
            // web.xml route: a filter cannot add the metadata servlet, so no document and no resource_metadata
            TokengateRuntime runtime = PipelineAssembly.assemble(config, Clock.systemUTC(), false);
            context.setAttribute(ATTRIBUTE, runtime);
            runtime.announce(context);
            return runtime;
        } catch (ConfigurationException e) {
            throw new ServletException(e.getMessage());
        }
    }

    /** The application's class loader; an embedded container may have none of its own. */
    static ClassLoader classLoaderOf(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : TokengateRuntime.class.getClassLoader();
    }
}
