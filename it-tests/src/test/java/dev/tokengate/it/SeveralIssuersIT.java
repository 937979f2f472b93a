package dev.tokengate.it;

import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.MockOAuth2Issuer;
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
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokengate.issuers} on every server: two issuers of mock-oauth2-server (each id signs with its own key), each
 * with its own audience and JWKS; a token goes by its {@code iss} to one of them, and a third issuer is refused. The
 * one class on the third-party issuer ({@link MockOAuth2Issuer}) rather than the kit.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class SeveralIssuersIT {
    static final String PARTNER_AUDIENCE = "https://partner-api.tokengate.test";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        MockOAuth2Issuer issuer = MockOAuth2Issuer.get();
        Map<String, String> config = TestWars.issuerConfig(issuer.issuer(), MockOAuth2Issuer.AUDIENCE,
                issuer.jwksUri().toString());
        config.put("tokengate.issuers", "partner");
        config.put("tokengate.issuer.partner.issuer", issuer.server().issuerUrl("partner").toString());
        config.put("tokengate.issuer.partner.audiences", PARTNER_AUDIENCE);
        config.put("tokengate.issuer.partner.publickey.location", issuer.server().jwksUrl("partner").toString());
        return TestWars.withTokengate("issuers", config).addClasses(IssuersApi.class, IssuersApi.Who.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    @Test
    void theDefaultIssuersTokenIsAccepted() {
        String token = MockOAuth2Issuer.get().token("alice");
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/who"), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("default|alice");
    }

    @Test
    void theNamedIssuersTokenIsAcceptedAndSaysWhichIssuer() {
        String token = MockOAuth2Issuer.get().tokenFromIssuer("partner", "bob", List.of(PARTNER_AUDIENCE));
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/who"), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("partner|bob");
    }

    @Test
    void anIssuerNobodyTrustsIsRefused() {
        String token = MockOAuth2Issuer.get().tokenFromIssuer("stranger", "eve", List.of(MockOAuth2Issuer.AUDIENCE));
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/who"), token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "error=\"invalid_token\", error_description=\"The access token was not issued by the trusted issuer.\"");
    }

    @Test
    void eachIssuerHasItsOwnAudience() {
        String token = MockOAuth2Issuer.get().tokenFromIssuer("partner", "bob", List.of(MockOAuth2Issuer.AUDIENCE));
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/who"), token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "error=\"invalid_token\", error_description=\"The access token is not intended for this API.\"");
    }
}
