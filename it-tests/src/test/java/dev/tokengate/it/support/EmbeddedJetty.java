package dev.tokengate.it.support;

import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppClassLoader;
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
        return List.of("jakarta.servlet.", "org.eclipse.jetty.");
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
        webapp.setContextPath(contextPath);
        webapp.setWar(war.getAbsolutePath());
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.addConfiguration(new AnnotationConfiguration());
        webapp.setClassLoader(new WebAppClassLoader(serverClasses, webapp));
        contexts.addHandler(webapp);
        try {
            webapp.start();
        } catch (Exception failed) {
            contexts.removeHandler(webapp);
            webapp.stop();
            throw failed;
        }
    }

    @Override
    void undeployWar(String contextPath) throws Exception {
        for (Handler handler : contexts.getHandlers()) {
            if (handler instanceof WebAppContext webapp && contextPath.equals(webapp.getContextPath())) {
                webapp.stop();
                contexts.removeHandler(webapp);
                webapp.destroy();
            }
        }
    }
}
