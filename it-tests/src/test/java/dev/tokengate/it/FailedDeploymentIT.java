package dev.tokengate.it;

import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.PayaraMicroGuard;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.tokengate.it.support.ExpectedWarnings;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestServers;
import dev.tokengate.it.support.LibertyServer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import java.net.URI;
import java.net.http.HttpResponse;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A WAR whose tokengate configuration is refused (here: no issuer) fails its deployment, not leave a server that
 * answers 404 to everything (on Payara Micro, {@link PayaraMicroGuard} makes it so). Open Liberty alone starts a WAR
 * whose initializer failed; there the WAR must refuse every request instead.
 * (Arquillian's {@code @ShouldThrowException} does not fail a test when nothing is thrown, hence the manual deploy.)
 */
// the deployment is refused on purpose: the server logs why, naming the WAR, tokengate's message or its initializer
@ExpectedWarnings({"misconfigured", "mp\\.jwt\\.verify\\.issuer is not set", "TokengateInitializer"})
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class FailedDeploymentIT {
    private static final String NAME = "misconfigured";

    @Deployment(name = NAME, managed = false, testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.remove("mp.jwt.verify.issuer");
        config.put("tokengate.protected-paths", "/whoami");
        return TestWars.withTokengate(NAME, config).addClass(WhoAmIServlet.class);
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void aWarThatFailsToDeployFailsTheDeployment() throws Exception {
        Throwable thrown = catchThrowable(() -> deployer.deploy(NAME));
        if (thrown == null) {
            try {
                assertThat(TestServers.current()).as("a server that started a WAR whose initializer failed")
                        .isEqualTo(TestServers.LIBERTY);
                // Open Liberty logs the initializer's exception (CWWWC0001W) and starts the WAR anyway: tokengate
                // then refuses every request, so nothing it should guard is served.
                URI base = URI.create("http://" + Loopback.HOST + ":" + LibertyServer.httpPort() + "/" + NAME + "/");
                for (String path : new String[] {"whoami", "anything"}) {
                    HttpResponse<String> response = LoopbackHttp.get(base.resolve(path));
                    assertThat(response.statusCode()).as(path).isEqualTo(503);
                    assertThat(response.body()).contains("misconfigured");
                }
            } finally {
                deployer.undeploy(NAME);
            }
            return;
        }

        assertThat(causes(thrown)).as("the cause chain of " + thrown).anyMatch(DeploymentException.class::isInstance);
        if (TestServers.current() == TestServers.PAYARA_MICRO) {
            // The Payara Micro adapter boots a process per deployment; a failed one must not be left running.
            assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive))
                    .as("Payara Micro processes still running after the failed deployment")
                    .isEmpty();
        }
    }

    private static java.util.List<Throwable> causes(Throwable t) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
