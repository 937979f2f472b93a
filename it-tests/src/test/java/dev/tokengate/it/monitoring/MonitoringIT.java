package dev.tokengate.it.monitoring;

import dev.tokengate.it.WhoAmIServlet;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestIssuer;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tokengate's counters on every server, read through its JMX view from inside the server: after a known sequence of
 * requests, accepted tokens and refusals by reason and issuer, the JWKS fetch, the verified-token cache.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class MonitoringIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(TestIssuer.get());
        config.put("tokengate.protected-paths", "/whoami");
        return TestWars.withTokengate("monitored", config).addClasses(WhoAmIServlet.class, JmxServlet.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    @Test
    void theCountersShowAKnownSequenceOfRequests() {
        String valid = TestIssuer.get().token("counted");
        String expired = TestIssuer.get().token("late", List.of(TestIssuer.AUDIENCE), Map.of(), -3600);
        String elsewhere = TestIssuer.get().token("misdirected", List.of("https://another-api.tokengate.test"), Map.of(), 3600);
        assertThat(LoopbackHttp.getWithBearer(uri("whoami"), valid).statusCode()).isEqualTo(200);
        assertThat(LoopbackHttp.getWithBearer(uri("whoami"), valid).statusCode()).isEqualTo(200);
        assertThat(LoopbackHttp.getWithBearer(uri("whoami"), expired).statusCode()).isEqualTo(401);
        assertThat(LoopbackHttp.getWithBearer(uri("whoami"), elsewhere).statusCode()).isEqualTo(401);
        assertThat(LoopbackHttp.get(uri("whoami")).statusCode()).isEqualTo(401);

        String view = LoopbackHttp.get(uri("tokengate-jmx")).body();
        assertThat(view.lines()).contains(
                "AcceptedTokens default=2",
                "Refusals expired default=1",
                "Refusals wrong_audience default=1",
                "Refusals missing_token unknown=1",
                "IssuerCalls jwks default success=1",
                "CacheEvents verified-tokens default hit=1",
                "Ready true");
        assertThat(view.lines().filter(line -> line.startsWith("KeySetAgeSeconds default="))).hasSize(1);
    }
}
