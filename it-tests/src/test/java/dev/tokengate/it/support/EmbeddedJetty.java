package dev.tokengate.it.support;

import org.eclipse.jetty.ee.webapp.WebAppClassLoader;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Jetty 12 (ee10) in the test JVM, deploying each WAR as a {@code WebAppContext} with annotation scanning, so the
 * {@code ServletContainerInitializer}s of {@code WEB-INF/lib} run as on a standalone Jetty with the
 * {@code ee10-annotations} module.
 */
public final class EmbeddedJetty extends EmbeddedServer {
    private Server server;
    private ContextHandlerCollection contexts;
    private ClassLoader serverClasses;

    @Override
    List<String> serverClassPrefixes() {
        // jndi.properties: jetty-jndi's, which names Jetty's JNDI for the application's java:comp (ee10-plus)
        return List.of("jakarta.servlet.", "org.eclipse.jetty.", "jndi.properties");
    }

    @Override
    int startServer(Path workDir, ClassLoader serverClasses) throws Exception {
        this.serverClasses = serverClasses;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        contexts = new ContextHandlerCollection();
        server.setHandler(contexts);
        server.start();
        return connector.getLocalPort();
    }

    @Override
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
            server.destroy();
        }
    }

    @Override
    void deployWar(String contextPath, File war) throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setServer(server);
        webapp.setContextPath(contextPath);
        webapp.setWar(war.getAbsolutePath());
        webapp.setThrowUnavailableOnStartupException(true);
        // what a Jetty distribution's ee10-annotations module adds: the initializers of WEB-INF/lib run
        webapp.addConfiguration(new AnnotationConfiguration());
        webapp.setClassLoader(new WebAppClassLoader(serverClasses, webapp));
        try {
            webapp.start();
            if (!webapp.isAvailable()) {
                throw new IllegalStateException("context " + contextPath + " is unavailable", webapp.getUnavailableException());
            }
        } catch (Exception failed) {
            webapp.stop();
            throw failed;
        }
        contexts.addHandler(webapp);
    }

    @Override
    void undeployWar(String contextPath) throws Exception {
        for (Handler handler : contexts.getHandlers()) {
            if (handler instanceof WebAppContext webapp && contextPath.equals(webapp.getContextPath())) {
                ClassLoader loader = webapp.getClassLoader();
                webapp.stop();
                contexts.removeHandler(webapp);
                webapp.destroy();
                // Jetty, unlike Tomcat, does not look for threads a stopped application left running
                reportThreadsHolding(loader, contextPath);
            }
        }
    }
}
