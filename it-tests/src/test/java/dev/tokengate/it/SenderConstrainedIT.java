package dev.tokengate.it;

import dev.tokengate.it.support.DPoPClient;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestWars;
import dev.tokengate.it.support.TlsMaterial;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sender-constrained tokens on every server: DPoP-bound tokens (RFC 9449) from the test issuer with proofs the test
 * makes with the JDK alone, where DPoP is allowed and where one resource requires it; certificate-bound tokens (RFC
 * 8705) through a trusted proxy's header. {@link CertificateOverTlsIT} checks them over real TLS.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class SenderConstrainedIT {
    static final String ALGS = "algs=\"ES256 PS256\"";
    static final DPoPClient CLIENT = new DPoPClient();

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("tokengate.dpop.policy", "allowed");
        config.put("tokengate.dpop.algorithms", "ES256,PS256");
        config.put("tokengate.client-certificate.header", "X-Client-Cert");
        config.put("tokengate.client-certificate.trusted-proxies", "127.0.0.1");
        return TestWars.withTokengate("constrained", config)
                .addClasses(SenderConstrainedApi.class, SenderConstrainedApi.Caller.class, SenderConstrainedApi.Payments.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    static String boundToken(String scope) {
        return KitIssuer.get().token().subject("alice").scopes(scope).dpopBound(CLIENT.thumbprint()).build();
    }

    static String certificateBoundToken(String pem) {
        return KitIssuer.get().token().subject("carol").scopes("read:patients")
                .claim("cnf", Map.of("x5t#S256", TlsMaterial.thumbprint(pem))).build();
    }

    private HttpResponse<String> withDPoP(String path, String token) {
        URI target = uri(path);
        return LoopbackHttp.get(target, Map.of("Authorization", "DPoP " + token,
                "DPoP", CLIENT.proof("GET", target.toString(), token)));
    }

    static String invalidToken(String scheme, String description) {
        return scheme + " realm=\"api\", error=\"invalid_token\", error_description=\"" + description + "\""
                + ("DPoP".equals(scheme) ? ", " + ALGS : "");
    }

    static String invalidProof(String description) {
        return "DPoP realm=\"api\", error=\"invalid_dpop_proof\", error_description=\"" + description + "\", " + ALGS;
    }

    @Test
    void aBoundTokenWithItsProofIsLetInAsDPoP() {
        HttpResponse<String> response = withDPoP("rest/caller", boundToken("read:patients"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice|DPoP");
    }

    @Test
    void aResourceThatRequiresDPoPLetsInTheProvenToken() {
        HttpResponse<String> response = withDPoP("rest/payments", boundToken("write:payments"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("paid|DPoP");
    }

    @Test
    void aResourceThatRequiresDPoPRefusesABearerTokenWithTheDpopChallengeAlone() {
        String token = KitIssuer.get().token().subject("bob").scopes("write:payments").build();
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/payments"), token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("DPoP", "This resource accepts only DPoP-bound access tokens."));
    }

    @Test
    void aPlainBearerTokenPassesWhereDPoPIsOnlyAllowed() {
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/caller"),
                KitIssuer.get().token().subject("bob").build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("bob|Bearer");
    }

    @Test
    void noTokenIsOfferedBothSchemes() {
        HttpResponse<String> response = LoopbackHttp.get(uri("rest/caller"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"api\"", "DPoP realm=\"api\", " + ALGS);
    }

    @Test
    void aBoundTokenSentAsBearerIsRefused() {
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/caller"), boundToken("read:patients"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(invalidToken("Bearer",
                "The access token is bound to a DPoP key and must be sent with the DPoP scheme and a proof."),
                "DPoP realm=\"api\", " + ALGS);
    }

    @Test
    void aReplayedProofIsRefused() {
        String token = boundToken("read:patients");
        URI target = uri("rest/caller");
        Map<String, String> headers = Map.of("Authorization", "DPoP " + token, "DPoP", CLIENT.proof("GET", target.toString(), token));
        assertThat(LoopbackHttp.get(target, headers).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = LoopbackHttp.get(target, headers);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.headers().allValues("WWW-Authenticate")).containsExactly(
                invalidProof("The DPoP proof has been used before, or cannot be recorded now."), "Bearer realm=\"api\"");
    }

    @Test
    void aProofForAnotherUriIsRefused() {
        String token = boundToken("read:patients");
        HttpResponse<String> response = LoopbackHttp.get(uri("rest/caller"), Map.of("Authorization", "DPoP " + token,
                "DPoP", CLIENT.proof("GET", uri("rest/payments").toString(), token)));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                invalidProof("The DPoP proof was made for a different request."), "Bearer realm=\"api\"");
    }

    @Test
    void aProofByAnotherKeyIsRefused() {
        String token = boundToken("read:patients");
        URI target = uri("rest/caller");
        HttpResponse<String> response = LoopbackHttp.get(target, Map.of("Authorization", "DPoP " + token,
                "DPoP", new DPoPClient().proof("GET", target.toString(), token)));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                invalidToken("DPoP", "The access token is not bound to the key of the DPoP proof."), "Bearer realm=\"api\"");
    }

    @Test
    void theTrustedProxysCertificateMustBeTheOneTheTokenIsBoundTo() {
        TlsMaterial tls = TlsMaterial.get();
        String token = certificateBoundToken(tls.clientPem());
        HttpResponse<String> matching = LoopbackHttp.get(uri("rest/caller"), Map.of("Authorization", "Bearer " + token,
                "X-Client-Cert", URLEncoder.encode(tls.clientPem(), StandardCharsets.UTF_8).replace("+", "%20")));
        assertThat(matching.statusCode()).as(matching.body()).isEqualTo(200);
        assertThat(matching.body()).isEqualTo("carol|Bearer");

        HttpResponse<String> other = LoopbackHttp.get(uri("rest/caller"), Map.of("Authorization", "Bearer " + token,
                "X-Client-Cert", URLEncoder.encode(tls.otherPem(), StandardCharsets.UTF_8).replace("+", "%20")));
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.headers().allValues("WWW-Authenticate")).containsExactly(invalidToken("Bearer",
                "The access token is bound to a client certificate this request was not sent with."),
                "DPoP realm=\"api\", " + ALGS);
        assertThat(LoopbackHttp.getWithBearer(uri("rest/caller"), token).statusCode()).isEqualTo(401);
    }
}
