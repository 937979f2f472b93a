package dev.tokengate.it.monitoring;

import dev.tokengate.it.WhoAmIServlet;
import dev.tokengate.it.support.ExpectedWarnings;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestServers;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness on every server: down while the JWKS endpoint does not answer (the JMX view names the issuer and the
 * error; on Payara, MicroProfile Health's {@code /health/ready} says DOWN too), up once it does. The outage is a
 * loopback endpoint of the test's ({@link FlakyJwks}).
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
@ExpectedWarnings("tokengate: fetching the JWKS failed")
public class ReadinessIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        FlakyJwks.get().up(false);
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("mp.jwt.verify.publickey.location", FlakyJwks.get().uri().toString());
        config.put("tokengate.protected-paths", "/whoami");
        return TestWars.withTokengate("readiness", config).addClasses(WhoAmIServlet.class, JmxServlet.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    @Test
    void downWhileTheJwksDoesNotAnswerAndUpOnceItDoes() throws Exception {
        String token = KitIssuer.get().token().subject("patient").build();
        assertThat(LoopbackHttp.getWithBearer(uri("whoami"), token).statusCode()).isEqualTo(503);
        String down = LoopbackHttp.get(uri("tokengate-jmx")).body();
        assertThat(down.lines()).contains("Ready false", "KeySetAgeSeconds default=-1");
        assertThat(down.lines().filter(line -> line.startsWith("ReadinessProblem default: no key set loaded yet; last error: JWKS: ")))
                .hasSize(1);
        if (TestServers.current() == TestServers.PAYARA_MICRO) {
            String health = LoopbackHttp.get(Loopback.resolve(deploymentUrl, "/health/ready")).body();
            assertThat(health).contains("\"tokengate\"").contains("DOWN");
        }

        FlakyJwks.get().up(true);
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = LoopbackHttp.getWithBearer(uri("whoami"), token).statusCode();
        }
        assertThat(status).isEqualTo(200);
        assertThat(LoopbackHttp.get(uri("tokengate-jmx")).body().lines()).contains("Ready true");
        if (TestServers.current() == TestServers.PAYARA_MICRO) {
            String health = LoopbackHttp.get(Loopback.resolve(deploymentUrl, "/health/ready")).body();
            assertThat(health).contains("\"tokengate\"").doesNotContain("DOWN");
        }
    }
}
