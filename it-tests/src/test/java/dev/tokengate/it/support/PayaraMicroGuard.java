package dev.tokengate.it.support;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Arquillian extension (registered in {@code META-INF/services}) that closes two gaps of arquillian-payara-micro-managed:
 * <ul>
 *   <li>Payara Micro starts even when the WAR fails to deploy, and the adapter then reports success with no servlets,
 *       so every request would answer 404. Here a deployment that Payara Micro does not list as deployed fails with a
 *       {@link DeploymentException} (so the test class fails, and {@code @ShouldThrowException} can expect it).</li>
 *   <li>The adapter only signals Payara Micro to stop and never waits, and leaves the process running when a deployment
 *       fails or times out. Here every Payara Micro process this JVM started is stopped and awaited (bounded) after
 *       undeploy and after a failed deploy, so the next test class never shares the machine with a dying server.</li>
 *   <li>The adapter waits for the whole start-up timeout even when Payara Micro has already exited (a bad JVM option,
 *       a Java version it does not support): here the deploy is cut short as soon as the process is gone.</li>
 *   <li>The adapter leaves its {@code arquillian-payara-micro*} directory (with the WAR) in the temp directory: the
 *       ones made during a deploy are deleted once the server has stopped.</li>
 * </ul>
 */
public final class PayaraMicroGuard implements LoadableExtension {
    private static final Logger LOG = Logger.getLogger(PayaraMicroGuard.class.getName());
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Observer.class);
    }

    public static final class Observer {
        @Inject
        private Instance<ProtocolMetaData> protocolMetaData;

        private Set<Path> adapterDirsBefore = Set.of();
        private ScheduledExecutorService watcher;
        private volatile boolean deploying;
        private volatile boolean interruptedByUs;
        private volatile String earlyExit;

        public void beforeDeploy(@Observes BeforeDeploy event) {
            adapterDirsBefore = adapterDirs();
            watchForEarlyExit(Thread.currentThread());
        }

        /**
         * Interrupts the deploying thread (the adapter then gives up at once) if the Payara Micro process started for
         * this deploy exits before the deploy is over. The process is found as a new child process of this JVM whose
         * command line names payara-micro: no adapter internals are touched.
         */
        private void watchForEarlyExit(Thread deployingThread) {
            deploying = true;
            interruptedByUs = false;
            earlyExit = null;
            Set<Long> before = payaraMicroProcesses().map(ProcessHandle::pid).collect(Collectors.toSet());
            ProcessHandle[] started = new ProcessHandle[1];
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "payara-micro-exit-watcher");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(() -> {
                if (started[0] == null) {
                    started[0] = payaraMicroProcesses().filter(p -> !before.contains(p.pid())).findFirst().orElse(null);
                    return;
                }
                if (deploying && !started[0].isAlive()) {
                    earlyExit = "Payara Micro exited during start-up: see its output above";
                    LOG.severe(earlyExit);
                    interruptedByUs = true;
                    deployingThread.interrupt();
                    throw new IllegalStateException("done"); // ends this periodic task
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
        }

        private void deployFinished() {
            deploying = false;
            if (watcher != null) {
                watcher.shutdownNow();
                watcher = null;
            }
            if (interruptedByUs) {
                interruptedByUs = false;
                Thread.interrupted(); // the adapter re-asserts the interrupt we caused: clear it
            }
        }

        public void failUnlessDeployed(@Observes AfterDeploy event) throws DeploymentException {
            deployFinished();
            ProtocolMetaData metaData = protocolMetaData.get();
            List<HTTPContext> contexts = metaData == null ? List.of() : List.copyOf(metaData.getContexts(HTTPContext.class));
            boolean deployed = contexts.stream().anyMatch(c -> !c.getServlets().isEmpty());
            if (!deployed) {
                stopAndClean();
                throw new DeploymentException("Payara Micro started but did not deploy " + event.getDeployment().getName()
                        + " (it lists no servlet of it): the deployment failed. Its reason is in the Payara Micro log above"
                        + " (look for SEVERE or 'Exception while'). Contexts reported: " + contexts);
            }
        }

        public void stopOnFailedDeploy(@Observes EventContext<DeployDeployment> context) throws DeploymentException {
            try {
                context.proceed();
            } catch (RuntimeException | Error e) {
                deployFinished();
                stopAndClean();
                if (earlyExit != null) {
                    throw new DeploymentException(earlyExit, e);
                }
                throw e;
            }
            deployFinished();
            if (context.getEvent().getDeployment().hasDeploymentError()) {
                stopAndClean();
            }
        }

        public void awaitStop(@Observes AfterUnDeploy event) {
            stopAndClean();
        }

        private void stopAndClean() {
            stopPayaraMicro();
            Set<Path> made = new HashSet<>(adapterDirs());
            made.removeAll(adapterDirsBefore);
            made.forEach(PayaraMicroGuard::deleteTree);
        }
    }

    private static Set<Path> adapterDirs() {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("arquillian-payara-micro"))
                    .filter(Files::isDirectory)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("could not delete " + root + ": " + e);
        }
    }

    /** Stops every Payara Micro process this JVM started and waits for each to exit, within bounds. */
    public static void stopPayaraMicro() {
        payaraMicroProcesses().forEach(process -> {
            process.destroy();
            if (!awaitExit(process, GRACE)) {
                LOG.warning("Payara Micro (pid " + process.pid() + ") still running after " + GRACE.toSeconds()
                        + " s: killing it");
                process.destroyForcibly();
                if (!awaitExit(process, KILL_WAIT)) {
                    LOG.severe("Payara Micro (pid " + process.pid() + ") survived SIGKILL for " + KILL_WAIT.toSeconds() + " s");
                }
            }
        });
    }

    private static Stream<ProcessHandle> payaraMicroProcesses() {
        return ProcessHandle.current().children().filter(PayaraMicroGuard::isPayaraMicro);
    }

    private static boolean isPayaraMicro(ProcessHandle process) {
        return process.info().commandLine().map(cmd -> cmd.contains("payara-micro")).orElse(true);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
