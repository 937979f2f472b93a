package dev.tokengate.web;

import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping an application stops every thread tokengate started for it: deployed, called (so the issuer client runs)
 * and stopped ten times, nothing of it is left running, and no thread left holds an application's class loader. Each
 * cycle's application gets a class loader of its own, as in a real server, so a thread that kept one is seen.
 */
class UndeployTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");

    @Test
    void tenDeployCallUndeployCyclesLeaveNoIssuerThreadRunning() throws Exception {
        List<String> before = threadsNamed("tokengate-issuer-");
        List<ClassLoader> applicationLoaders = new ArrayList<>();
        try (JwksServer issuer = new JwksServer().serve(KEY)) {
            for (int cycle = 0; cycle < 10; cycle++) {
                ClassLoader applicationLoader = new URLClassLoader("application-" + cycle, new URL[0],
                        getClass().getClassLoader());
                applicationLoaders.add(applicationLoader);
                try (ServletServer app = new ServletServer(MapProperties.of(
                        PropertyNames.ISSUER, issuer.issuer(),
                        PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                        PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString()),
                        context -> context.setClassLoader(applicationLoader))) {
                    String token = Tokens.valid(KEY).claim("iss", issuer.issuer()).signWith(KEY);
                    assertThat(app.get("/lazy/whoami", "Authorization", "Bearer " + token).body()).startsWith("user-1|");
                }
            }
            assertThat(issuer.jwksRequests()).isEqualTo(10);
        }
        assertThat(awaitNoNewThreadNamed("tokengate-issuer-", before, Duration.ofSeconds(10))).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> applicationLoaders.contains(thread.getContextClassLoader()))
                .map(Thread::getName))
                .as("threads holding a stopped application's class loader").isEmpty();
    }

    @Test
    void aRuntimeThatNeverCalledTheIssuerStartedNoThread() throws Exception {
        List<String> before = threadsNamed("tokengate-issuer-");
        try (ServletServer app = new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, Tokens.ISSUER,
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY, TestKeys.jwks(KEY)))) {
            String token = Tokens.valid(KEY).signWith(KEY);
            assertThat(app.get("/lazy/whoami", "Authorization", "Bearer " + token).body()).startsWith("user-1|");
            assertThat(threadsNamed("tokengate-issuer-")).isEqualTo(before);
        }
    }

    /**
     * Threads stop asynchronously after {@code shutdownNow}: poll until none of this test's is left or the deadline
     * passes. Threads alive before the test belong to other tests' runtimes in the same JVM and are not this test's.
     */
    private static List<String> awaitNoNewThreadNamed(String prefix, List<String> before, Duration deadline)
            throws InterruptedException {
        Instant until = Instant.now().plus(deadline);
        List<String> alive = newThreadsNamed(prefix, before);
        while (!alive.isEmpty() && Instant.now().isBefore(until)) {
            Thread.onSpinWait();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith(prefix)) {
                    thread.join(100);
                }
            }
            alive = newThreadsNamed(prefix, before);
        }
        return alive;
    }

    private static List<String> newThreadsNamed(String prefix, List<String> before) {
        List<String> alive = new ArrayList<>(threadsNamed(prefix));
        alive.removeAll(before);
        return alive;
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).sorted().collect(Collectors.toList());
    }
}
