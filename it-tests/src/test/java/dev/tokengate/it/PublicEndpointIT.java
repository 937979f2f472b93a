package dev.tokengate.it;

import dev.tokengate.it.monitoring.JmxServlet;
import dev.tokengate.it.support.ExpectedWarnings;
import dev.tokengate.it.support.HangingEndpoint;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A token sent to an endpoint that needs none costs nothing on every server: no validation (tokengate's counters do
 * not move), no issuer call (the introspection endpoint, which hangs, is never reached), no delay. Payara and
 * GlassFish read the caller of every request before its servlet runs; that read must not count as the application's.
 * The control: the same opaque token on a protected resource does reach the hanging issuer.
 */
// the control's introspection call fails when the endpoint is released after the tests
@ExpectedWarnings("tokengate: token introspection failed")
// the counters are read first, before the control makes them move
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class PublicEndpointIT {
    /** Longer than the client waits below: a public request that called the issuer would time the client out. */
    private static final Duration ISSUER_READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(10);

    private static HangingEndpoint introspection;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        introspection = new HangingEndpoint();
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("tokengate.opaque.validation", "introspection");
        config.put("tokengate.introspection.endpoint", introspection.uri("/introspect"));
        config.put("tokengate.introspection.client-id", "public-endpoint-it");
        config.put("tokengate.introspection.client-secret", "not-a-real-secret");
        config.put("tokengate.http.read-timeout", ISSUER_READ_TIMEOUT.toSeconds() + "s");
        return TestWars.withTokengate("public-endpoint", config)
                .addClasses(PublicEndpointApi.class, PublicEndpointApi.Public.class, PublicEndpointApi.Records.class,
                        JmxServlet.class);
    }

    @AfterAll
    static void releaseTheIssuer() {
        if (introspection != null) {
            introspection.close();
        }
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    private static String opaque() {
        return "opaque-" + UUID.randomUUID();
    }

    /** The counters of this application that are not zero, as the JMX view prints them. */
    private List<String> nonZeroCounters() {
        return LoopbackHttp.get(uri("tokengate-jmx")).body().lines()
                .filter(line -> line.startsWith("AcceptedTokens ") || line.startsWith("Refusals ")
                        || line.startsWith("IssuerCalls introspection"))
                .filter(line -> !line.endsWith("=0"))
                .toList();
    }

    @Test
    @Order(1)
    void tokensSentToAPublicEndpointAreNeverValidated() {
        List<String> tokens = List.of(
                KitIssuer.get().token().subject("valid").build(),
                KitIssuer.get().token().subject("expired").expiresIn(Duration.ofSeconds(-3600)).build(),
                KitIssuer.get().token().subject("foreign").keyId("a-key-nobody-published").build(),
                "not.a.jwt",
                opaque());
        for (String token : tokens) {
            HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/public/ping"), token);
            assertThat(response.statusCode()).as(token).isEqualTo(200);
            assertThat(response.body()).isEqualTo("pong");
        }
        assertThat(nonZeroCounters()).isEmpty();
        assertThat(introspection.requests()).isZero();

        // where the application asks for the caller, the token is validated, once
        String valid = KitIssuer.get().token().subject("greeted").build();
        assertThat(LoopbackHttp.getWithBearer(uri("rest/public/hello"), valid).body()).isEqualTo("hello greeted");
        assertThat(LoopbackHttp.getWithBearer(uri("rest/public/hello"), "not.a.jwt").body()).isEqualTo("hello anonymous");
        assertThat(nonZeroCounters()).containsExactlyInAnyOrder("AcceptedTokens default=1",
                "Refusals malformed_token unknown=1");
    }

    @Test
    @Order(2)
    void aHangingIssuerNeverDelaysAPublicEndpoint() throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        String token = opaque();
        HttpRequest publicPing = HttpRequest.newBuilder(uri("rest/public/ping")).timeout(CLIENT_PATIENCE)
                .header("Authorization", "Bearer " + token).GET().build();
        Loopback.requireLoopback(publicPing.uri());
        HttpResponse<String> response = client.send(publicPing, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        int before = introspection.requests();

        // the control: a protected resource asks the issuer, which hangs (the client gives up first)
        HttpRequest records = HttpRequest.newBuilder(uri("rest/records")).timeout(Duration.ofSeconds(3))
                .header("Authorization", "Bearer " + token).GET().build();
        assertThatThrownBy(() -> client.send(records, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(introspection.requests()).isEqualTo(before + 1);

        // The server's request still waits for the issuer: let it finish (the failed call is counted) before the
        // application is undeployed under it.
        introspection.release();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!LoopbackHttp.get(uri("tokengate-jmx")).body().lines()
                .anyMatch(line -> line.startsWith("IssuerCalls introspection default failure=") && !line.endsWith("=0"))) {
            assertThat(System.nanoTime()).as("the protected request's issuer call ends once released").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
