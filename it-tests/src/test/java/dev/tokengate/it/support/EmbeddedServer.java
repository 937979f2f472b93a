package dev.tokengate.it.support;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * An Arquillian container for a servlet container that runs in the test JVM (Tomcat, Jetty), as a user of those
 * embeds or installs them: the WAR brings its own JAX-RS and CDI implementations, and sees nothing of the test JVM's
 * class path but the container's own API ({@link #serverClassPrefixes()}). Listens on 127.0.0.1, on a free port. The
 * container's log (JUL, where Tomcat, Jetty, Jersey, Weld and tokengate all write here) goes to the file
 * {@link ServerLog} scans.
 */
abstract class EmbeddedServer implements DeployableContainer<EmbeddedServer.Configuration> {
    private Path workDir;
    private FileHandler log;

    /** Nothing to configure: the port is chosen at start, the host is always 127.0.0.1. */
    public static final class Configuration implements ContainerConfiguration {
        @Override
        public void validate() throws ConfigurationException {
        }
    }

    /** Package names the WAR may load from the test JVM: the Servlet API and the container itself. */
    abstract List<String> serverClassPrefixes();

    abstract int startServer(Path workDir, ClassLoader serverClasses) throws Exception;

    abstract void stopServer() throws Exception;

    /** Deploys the exported WAR at {@code /name}; a context that fails to start throws. */
    abstract void deployWar(String contextPath, File war) throws Exception;

    abstract void undeployWar(String contextPath) throws Exception;

    private int port;

    @Override
    public Class<Configuration> getConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public void setup(Configuration configuration) {
    }

    @Override
    public void start() throws org.jboss.arquillian.container.spi.client.container.LifecycleException {
        try {
            workDir = Files.createTempDirectory("tokengate-" + getClass().getSimpleName().toLowerCase());
            log = serverLog();
            Logger.getLogger("").addHandler(log);
            port = startServer(workDir, new ServerClassLoader(getClass().getClassLoader(), serverClassPrefixes()));
        } catch (Exception e) {
            throw new org.jboss.arquillian.container.spi.client.container.LifecycleException("cannot start " + getClass().getSimpleName(), e);
        }
    }

    @Override
    public void stop() throws org.jboss.arquillian.container.spi.client.container.LifecycleException {
        try {
            stopServer();
        } catch (Exception e) {
            throw new org.jboss.arquillian.container.spi.client.container.LifecycleException("cannot stop " + getClass().getSimpleName(), e);
        } finally {
            if (log != null) {
                Logger.getLogger("").removeHandler(log);
                log.close();
            }
            deleteTree(workDir);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = archive.getName().replaceFirst("\\.war$", "");
        File war = workDir.resolve("deployments").resolve(archive.getName()).toFile();
        war.getParentFile().mkdirs();
        archive.as(ZipExporter.class).exportTo(war, true);
        try {
            deployWar("/" + name, war);
        } catch (Exception e) {
            throw new DeploymentException("the WAR " + archive.getName() + " failed to deploy", e);
        }
        HTTPContext context = new HTTPContext("127.0.0.1", port);
        context.add(new Servlet("default", "/" + name));
        return new ProtocolMetaData().addContext(context);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            undeployWar("/" + archive.getName().replaceFirst("\\.war$", ""));
        } catch (Exception e) {
            throw new DeploymentException("cannot undeploy " + archive.getName(), e);
        }
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new IllegalArgumentException("only WARs are deployed here");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new IllegalArgumentException("only WARs are deployed here");
    }

    /**
     * Logs, as Tomcat does on undeploy, each live thread whose context class loader is the stopped application's: it
     * keeps the application's classes in memory after a redeploy. Threads are given a short while to end first.
     */
    static void reportThreadsHolding(ClassLoader loader, String contextPath) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(2);
        List<Thread> holding = holding(loader);
        while (!holding.isEmpty() && java.time.Instant.now().isBefore(deadline)) {
            holding.get(0).join(100);
            holding = holding(loader);
        }
        for (Thread thread : holding) {
            Logger.getLogger(EmbeddedServer.class.getName()).warning("The web application [" + contextPath
                    + "] left a thread named [" + thread.getName() + "] running after it stopped");
        }
    }

    private static List<Thread> holding(ClassLoader loader) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getContextClassLoader() == loader)
                .toList();
    }

    private static FileHandler serverLog() throws IOException {
        String path = System.getProperty(ServerLog.PROPERTY);
        if (path == null || path.isBlank()) {
            path = Files.createTempFile("embedded-server", ".log").toString();
        }
        FileHandler handler = new FileHandler(path, true);
        handler.setEncoding("UTF-8");
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringBuilder line = new StringBuilder().append(java.time.Instant.ofEpochMilli(record.getMillis()))
                        .append(" [").append(record.getLevel().getName()).append("] [").append(record.getLoggerName())
                        .append("] ").append(formatMessage(record)).append(System.lineSeparator());
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                return line.toString();
            }
        });
        return handler;
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a temp directory: left for the OS
        }
    }

    /**
     * The parent of the WAR's class loader: the JDK and the container's packages, nothing else of the test JVM (no
     * Spring, no smallrye, no JAX-RS API: the WAR must bring what a user's WAR brings).
     */
    static final class ServerClassLoader extends ClassLoader {
        private final ClassLoader testClasses;
        private final List<String> prefixes;

        ServerClassLoader(ClassLoader testClasses, List<String> prefixes) {
            super("embedded-server", ClassLoader.getPlatformClassLoader());
            this.testClasses = testClasses;
            this.prefixes = prefixes;
        }

        private boolean visible(String name) {
            String dotted = name.replace('/', '.');
            return prefixes.stream().anyMatch(dotted::startsWith);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (visible(name)) {
                return testClasses.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return visible(name) ? testClasses.getResource(name) : null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return visible(name) ? testClasses.getResources(name) : java.util.Collections.emptyEnumeration();
        }
    }
}
