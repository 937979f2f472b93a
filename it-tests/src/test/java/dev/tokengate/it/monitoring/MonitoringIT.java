package dev.tokengate.it.monitoring;

import dev.tokengate.it.WhoAmIServlet;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tokengate's counters on every server after a known sequence of requests (accepted tokens and refusals by reason and
 * issuer, the JWKS fetch, the verified-token cache), read three ways: its JMX view from inside the server; the
 * Micrometer registry of an application that has Micrometer; and, where the server has MicroProfile Metrics (Payara's
 * own, Open Liberty's SmallRye), the server's {@code /metrics} endpoint. The other it-tests' WARs have no Micrometer
 * and most servers no MicroProfile Metrics: they show that tokengate deploys without either.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class MonitoringIT {
    /** Set (it-tests/pom.xml) for the runs whose server has MicroProfile Metrics: Payara Micro 6 and 7, liberty-mpconfig. */
    static final String MP_METRICS = "tokengate.it.mp-metrics";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("tokengate.protected-paths", "/whoami");
        // the application has Micrometer (as no other it-test WAR has): tokengate exports its counters there too
        return TestWars.withTokengate("monitored", config)
                .addClasses(WhoAmIServlet.class, JmxServlet.class, MetersServlet.class)
                .addAsLibraries(TestWars.jarsOf(io.micrometer.core.instrument.MeterRegistry.class,
                        io.micrometer.common.KeyValue.class, io.micrometer.observation.Observation.class,
                        org.HdrHistogram.Histogram.class, org.LatencyUtils.PauseDetector.class));
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    @Test
    void theCountersShowAKnownSequenceOfRequests() {
        String valid = KitIssuer.get().token().subject("counted").build();
        String expired = KitIssuer.get().token().subject("late").expiresIn(Duration.ofSeconds(-3600)).build();
        String elsewhere = KitIssuer.get().token().subject("misdirected")
                .audience("https://another-api.tokengate.test").build();
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

        String meters = LoopbackHttp.get(uri("tokengate-meters")).body();
        assertThat(meters.lines()).contains(
                "tokengate.tokens.accepted application=/monitored,issuer=default 2",
                "tokengate.tokens.refused application=/monitored,issuer=default,reason=expired 1",
                "tokengate.tokens.refused application=/monitored,issuer=default,reason=wrong_audience 1",
                "tokengate.tokens.refused application=/monitored,issuer=unknown,reason=missing_token 1",
                "tokengate.cache.events application=/monitored,cache=verified-tokens,event=hit,issuer=default 1");
        assertThat(meters.lines().filter(line -> line.startsWith(
                "tokengate.issuer.calls application=/monitored,call=jwks,issuer=default,outcome=success count=1 seconds=")))
                .hasSize(1);
        assertThat(meters.lines().filter(line -> line.matches(
                "tokengate\\.keyset\\.age application=/monitored,issuer=default \\d+"))).hasSize(1);

        if (Boolean.getBoolean(MP_METRICS)) {
            // the server's MicroProfile Metrics, in its OpenMetrics text: the same numbers, as gauges
            String metrics = LoopbackHttp.get(Loopback.resolve(deploymentUrl, "/metrics?scope=application")).body();
            assertThat(gauge(metrics, "tokengate_tokens_accepted", "issuer=\"default\"")).isEqualTo(2.0);
            assertThat(gauge(metrics, "tokengate_tokens_refused", "issuer=\"default\"", "reason=\"expired\""))
                    .isEqualTo(1.0);
            assertThat(gauge(metrics, "tokengate_issuer_calls", "call=\"jwks\"", "outcome=\"success\""))
                    .isEqualTo(1.0);
        }
    }

    /** This application's one series of {@code name} with these labels: its value (Payara writes 2, SmallRye 2.0). */
    private static double gauge(String metrics, String name, String... labels) {
        String line = metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains("application=\"/monitored\"")
                        && java.util.Arrays.stream(labels).allMatch(l::contains))
                .reduce((one, two) -> {
                    throw new AssertionError("two series of " + name + ": " + one + " / " + two);
                }).orElseThrow(() -> new AssertionError("no series " + name + " in:\n" + metrics));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
