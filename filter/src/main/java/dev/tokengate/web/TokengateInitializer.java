package dev.tokengate.web;

import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.PropertySource;
import dev.tokengate.internal.config.PropertySources;
import dev.tokengate.internal.config.TokengateConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Installs the filter when the jar is in {@code WEB-INF/lib}: no {@code web.xml} edit. Reads and checks the
 * configuration now, so a mistake fails the deployment with a message naming the property. With
 * {@code tokengate.filter.auto-register=false} it does nothing and {@code web.xml} declares {@link BearerTokenFilter}.
 */
public final class TokengateInitializer implements ServletContainerInitializer {
    /** The name the filter is registered under, so {@code web.xml} or another initializer can refer to it. */
    public static final String FILTER_NAME = "tokengate";

    private final Function<ClassLoader, PropertySource> propertySources;

    /** The instance the servlet container creates from {@code META-INF/services}: reads the application's configuration. */
    public TokengateInitializer() {
        this(PropertySources::forApplication);
    }

    /** With another source of configuration than the application's own: for tests. */
    TokengateInitializer(Function<ClassLoader, PropertySource> propertySources) {
        this.propertySources = propertySources;
    }

    /**
     * Most servers fail the deployment when an initializer throws; Open Liberty only logs it (CWWWC0001W) and starts
     * the application anyway, which would leave {@code tokengate.protected-paths} unguarded. So before throwing, a
     * filter that answers every request with 503 is put in front of the whole application: fail closed everywhere.
     */
    private static void refuseEveryRequest(ServletContext context) {
        FilterRegistration.Dynamic refusing = context.addFilter(FILTER_NAME, new NotConfiguredFilter());
        if (refusing != null) {
            refusing.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        }
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ClassLoader classLoader = ServletContextRuntime.classLoaderOf(context);
        PropertySource properties = propertySources.apply(classLoader);
        if (properties.get(PropertyNames.AUTO_REGISTER).map("false"::equalsIgnoreCase).orElse(false)) {
            return;
        }
        TokengateRuntime runtime;
        try {
            TokengateConfig config = new ConfigLoader(properties, classLoader).load();
            runtime = PipelineAssembly.assemble(config, Clock.systemUTC());
        } catch (ConfigurationException e) {
            context.log(e.getMessage());
            refuseEveryRequest(context);
            throw new ServletException(e.getMessage());
        }
        if (runtime.config().filter().containerAuthentication()) {
            String refusal;
            try {
                ContainerAuthentication.register(context, runtime);
                refusal = null;
            } catch (IllegalStateException e) {
                refusal = e.getMessage();
            } catch (LinkageError e) { // the module's class itself could not be linked: no API to implement
                refusal = "this server gives applications no Jakarta Authentication API";
            }
            if (refusal != null) {
                runtime.close();
                String message = "tokengate: " + PropertyNames.CONTAINER_AUTHENTICATION + "=true, but " + refusal;
                context.log(message);
                refuseEveryRequest(context);
                throw new ServletException(message);
            }
        }
        context.setAttribute(ServletContextRuntime.ATTRIBUTE, runtime);
        context.addListener(new RuntimeLifecycle(runtime));
        if (runtime.resourceMetadata() != null) {
            ServletRegistration.Dynamic metadata = context.addServlet("tokengate-resource-metadata",
                    new ResourceMetadataServlet(runtime.resourceMetadata()));
            if (metadata != null) {
                metadata.addMapping(ResourceMetadata.WELL_KNOWN, ResourceMetadata.WELL_KNOWN + "/*");
            }
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, new BearerTokenFilter(runtime));
        if (registration == null) {
            return; // web.xml already declares a filter of this name: it wins.
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ASYNC,
                        DispatcherType.ERROR),
                false, runtime.config().filter().urlPatterns().toArray(String[]::new));
    }
}
