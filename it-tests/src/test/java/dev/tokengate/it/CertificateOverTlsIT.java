package dev.tokengate.it;

import dev.tokengate.it.support.DPoPClient;
import dev.tokengate.it.support.EmbeddedTomcat;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestServers;
import dev.tokengate.it.support.TestWars;
import dev.tokengate.it.support.TlsMaterial;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705) over real TLS: the embedded Tomcat's HTTPS connector asks for a client
 * certificate ({@link TlsMaterial}, made with keytool), and the token's {@code cnf.x5t#S256} must be the thumbprint
 * of the one the connection presented. No proxy is trusted here, so the TLS connection is the only source. Tomcat
 * only: it is the server of the matrix whose connectors the tests configure in code.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
@EnabledIfSystemProperty(named = TestServers.PROPERTY, matches = "tomcat")
public class CertificateOverTlsIT {
    static final DPoPClient CLIENT = new DPoPClient();

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("tokengate.dpop.policy", "allowed");
        return TestWars.withTokengate("tls", config)
                .addClasses(SenderConstrainedApi.class, SenderConstrainedApi.Caller.class, SenderConstrainedApi.Payments.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI https(String path) throws Exception {
        URI plain = Loopback.resolve(deploymentUrl, path);
        int port = Integer.parseInt(System.getProperty(EmbeddedTomcat.HTTPS_PORT_PROPERTY));
        return new URI("https", null, "127.0.0.1", port, plain.getPath(), null, null);
    }

    static String boundTo(String pem) {
        return KitIssuer.get().token().subject("carol").scopes("read:patients")
                .claim("cnf", Map.of("x5t#S256", TlsMaterial.thumbprint(pem))).build();
    }

    @Test
    void theClientCertificateOfTheConnectionLetsItsTokenIn() throws Exception {
        TlsMaterial tls = TlsMaterial.get();
        HttpResponse<String> response = overTls(true, https("rest/caller"), "Bearer " + boundTo(tls.clientPem()), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("carol|Bearer");
    }

    @Test
    void aConnectionWithoutTheCertificateIsRefused() throws Exception {
        HttpResponse<String> response = overTls(false, https("rest/caller"), "Bearer " + boundTo(TlsMaterial.get().clientPem()), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).first().isEqualTo("Bearer realm=\"api\", "
                + "error=\"invalid_token\", error_description=\"The access token is bound to a client certificate this"
                + " request was not sent with.\"");
    }

    @Test
    void aTokenBoundToAnotherCertificateIsRefused() throws Exception {
        HttpResponse<String> response = overTls(true, https("rest/caller"), "Bearer " + boundTo(TlsMaterial.get().otherPem()), null);
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aDpopProofNamesTheHttpsUri() throws Exception {
        URI target = https("rest/caller");
        String token = KitIssuer.get().token().subject("alice").scopes("read:patients")
                .dpopBound(CLIENT.thumbprint()).build();
        HttpResponse<String> response = overTls(false, target, "DPoP " + token, CLIENT.proof("GET", target.toString(), token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice|DPoP");
    }

    private static HttpResponse<String> overTls(boolean presentCertificate, URI uri, String authorization, String proof)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TlsMaterial.get().clientContext(presentCertificate))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(Loopback.requireLoopback(uri)).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
