package dev.tokengate.it.support;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open Liberty, started with {@code bin/server run} from the unpacked {@code openliberty-runtime} zip, deploying
 * through its {@code dropins} directory and reading the outcome from {@code messages.log} (the message ids Liberty
 * documents: CWWKF0011I ready, CWWKZ0001I started, CWWKZ0002E/CWWKZ0004E/CWWKZ0012I failed, CWWKZ0009I stopped).
 *
 * <p>Not arquillian-liberty-managed: it needs the {@code localConnector-1.0} feature, whose JDK JMX agent listens on
 * every interface, and this project's servers listen on 127.0.0.1 only. The server's directory comes from
 * {@code src/test/liberty/servers} (copied to {@code target/liberty-usr}), its HTTP port from its
 * {@code bootstrap.properties}. System properties: {@value #HOME}, {@value #USR}, {@value #SERVER}.
 */
public final class LibertyServer implements DeployableContainer<EmbeddedServer.Configuration> {
    static final String HOME = "tokengate.it.liberty.home";
    static final String USR = "tokengate.it.liberty.usr";
    static final String SERVER = "tokengate.it.liberty.server";

    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration DEPLOY = Duration.ofSeconds(120);
    private static final Duration UNDEPLOY = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(60);

    private Path wlp;
    private Path usr;
    private String server;
    private Path serverDir;
    private int httpPort;
    private Process process;

    @Override
    public Class<EmbeddedServer.Configuration> getConfigurationClass() {
        return EmbeddedServer.Configuration.class;
    }

    @Override
    public void setup(EmbeddedServer.Configuration configuration) {
        wlp = Paths.get(required(HOME));
        usr = Paths.get(required(USR));
        server = required(SERVER);
        serverDir = usr.resolve("servers").resolve(server);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it: it-tests/pom.xml)");
        }
        return value;
    }

    /** The HTTP port of this run's Liberty server: {@code http.port} of its {@code bootstrap.properties}. */
    public static int httpPort() throws IOException {
        Properties bootstrap = new Properties();
        try (var in = Files.newInputStream(Paths.get(required(USR), "servers", required(SERVER), "bootstrap.properties"))) {
            bootstrap.load(in);
        }
        return Integer.parseInt(bootstrap.getProperty("http.port"));
    }

    /** The path of the log a test can scan: {@code <usr>/servers/<name>/logs/messages.log}. */
    private Path messagesLog() {
        return serverDir.resolve("logs").resolve("messages.log");
    }

    @Override
    public void start() throws LifecycleException {
        try {
            httpPort = httpPort();
            Path script = wlp.resolve("bin").resolve("server");
            script.toFile().setExecutable(true);
            Files.createDirectories(serverDir.resolve("dropins"));
            long offset = size(messagesLog());
            ProcessBuilder builder = new ProcessBuilder(script.toString(), "run", server)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(serverDir.resolve("console.log").toFile()));
            Map<String, String> env = builder.environment();
            env.put("WLP_USER_DIR", usr.toString());
            env.put("JAVA_HOME", System.getProperty("java.home"));
            process = builder.start();
            Matcher ready = await(offset, Pattern.compile("CWWKF0011I|CWWKE0005E|CWWKF0009W"), START);
            if (ready == null || !ready.group().equals("CWWKF0011I")) {
                throw new LifecycleException("Open Liberty did not become ready"
                        + (ready == null ? " within " + START.toSeconds() + " s" : ": " + ready.group())
                        + "; see " + messagesLog() + " and " + serverDir.resolve("console.log"));
            }
        } catch (IOException e) {
            throw new LifecycleException("cannot start Open Liberty", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        if (process == null) {
            return;
        }
        try {
            Process stop = new ProcessBuilder(wlp.resolve("bin").resolve("server").toString(), "stop", server)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(serverDir.resolve("console.log").toFile()))
                    .start();
            stop.getOutputStream().close(); // it finds the server through its command port (bootstrap.properties)
            stop.waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            throw new LifecycleException("cannot stop Open Liberty", e);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = archive.getName().replaceFirst("\\.war$", "");
        try {
            long offset = size(messagesLog());
            // Export beside dropins, then move: Liberty must never see a half-written WAR.
            Path staged = serverDir.resolve(archive.getName() + ".part");
            archive.as(ZipExporter.class).exportTo(staged.toFile(), true);
            Files.move(staged, serverDir.resolve("dropins").resolve(archive.getName()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            String app = Pattern.quote(name);
            Matcher outcome = await(offset, Pattern.compile("CWWKZ0001I: Application " + app + " started"
                    + "|CWWKZ000[24]E: [^\\n]*" + app + "[^\\n]*|CWWKZ0012I: [^\\n]*" + app + "[^\\n]*"), DEPLOY);
            if (outcome == null || !outcome.group().startsWith("CWWKZ0001I")) {
                throw new DeploymentException("Open Liberty did not start " + archive.getName() + ": "
                        + (outcome == null ? "no answer within " + DEPLOY.toSeconds() + " s" : outcome.group()));
            }
        } catch (IOException e) {
            throw new DeploymentException("cannot deploy " + archive.getName(), e);
        }
        HTTPContext context = new HTTPContext("127.0.0.1", httpPort);
        context.add(new Servlet("default", "/" + name));
        return new ProtocolMetaData().addContext(context);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        String name = archive.getName().replaceFirst("\\.war$", "");
        try {
            long offset = size(messagesLog());
            if (Files.deleteIfExists(serverDir.resolve("dropins").resolve(archive.getName()))) {
                await(offset, Pattern.compile("CWWKZ0009I: [^\\n]*" + Pattern.quote(name)), UNDEPLOY);
            }
        } catch (IOException e) {
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

    /** Polls messages.log past {@code offset} for {@code pattern}; null when the deadline passes or the server died. */
    private Matcher await(long offset, Pattern pattern, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher found = pattern.matcher(ServerLog.read(messagesLog(), offset));
            if (found.find()) {
                return found;
            }
            if (process != null && !process.isAlive()) {
                return null;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
