package dev.tokengate.it.container;

import dev.tokengate.it.support.ExpectedWarnings;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestServers;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Where the server gives applications no Jakarta Authentication (a stock Jetty 12: its {@code ee10-jaspi} module is
 * not there), {@code tokengate.container-authentication=true} fails the deployment with a message naming the
 * property, instead of leaving EJB-less role checks silently unconnected.
 */
// the deployment is refused on purpose: the server logs why, naming the property
@ExpectedWarnings({"container-authentication", "TokengateInitializer", "no-jaspi"})
@EnabledIfSystemProperty(named = TestServers.PROPERTY, matches = "jetty")
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class ContainerAuthUnavailableIT {
    private static final String NAME = "no-jaspi";

    @Deployment(name = NAME, managed = false, testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("tokengate.container-authentication", "true");
        return TestWars.withTokengate(NAME, config).addClasses(GuardedServlet.class);
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void theDeploymentFailsNamingTheProperty() throws Exception {
        Throwable thrown = catchThrowable(() -> deployer.deploy(NAME));
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = thrown; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        assertThat(chain).as("the cause chain of " + thrown).anyMatch(DeploymentException.class::isInstance);
        String log = Files.readString(Path.of(System.getProperty(ServerLog.PROPERTY)));
        assertThat(log).contains("tokengate.container-authentication=true, but this server gives applications no"
                + " Jakarta Authentication");
    }
}
