package dev.tokengate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.OpaqueIssuer;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.tokengate.it.support.ExpectedWarnings;
import dev.tokengate.it.support.ServerLog;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opaque access tokens validated the way Auth0 validates them: by calling the issuer's OIDC userinfo endpoint with the
 * token (found through discovery). The issuer is Spring Authorization Server ({@link OpaqueIssuer}); the user's token
 * is obtained as a browser would get it (authorization code flow with the login form, over loopback HTTP).
 */
// aFailingUserinfoEndpoint... takes userinfo down, and Spring Authorization Server redirects (302) a token it
// will not serve: tokengate warns that the userinfo call failed
@ExpectedWarnings("tokengate: userinfo call failed")
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class OpaqueUserinfoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_ACTIVE = "The issuer does not recognise the access token as active.";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        OpaqueIssuer issuer = OpaqueIssuer.get();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", issuer.issuer());
        config.put("mp.jwt.verify.audiences", OpaqueIssuer.AUDIENCE);
        config.put("tokengate.resource-metadata.enabled", "false"); // challenges compared exactly; ResourceMetadataIT
        config.put("tokengate.protected-paths", "/servlet/*");
        config.put("tokengate.opaque.validation", "userinfo"); // tokengate.userinfo.endpoint from discovery
        config.put("tokengate.http.connect-timeout", "1s");
        config.put("tokengate.http.read-timeout", "1s");
        config.put("tokengate.retry-after", "9s");
        config.put("tokengate.opaque.cache.ttl", "60s");
        config.put("tokengate.opaque.cache.negative-ttl", "60s");
        return TestWars.sampleWar(config);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private final OpaqueIssuer issuer = OpaqueIssuer.get();
    private final OpaqueIssuer.Control control = OpaqueIssuer.control();

    @AfterEach
    void issuerBackToNormal() {
        control.reset();
    }

    @Test
    void aUsersTokenIsAcceptedWithItsUserinfoClaimsAndNoScopes() throws Exception {
        String token = issuer.userToken();
        assertThat(token).as("an opaque token, not a JWS").doesNotContain(".");

        HttpResponse<String> me = get("api/me", token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.get("sub").asText()).isEqualTo(OpaqueIssuer.USER);
        assertThat(body.get("injectedSubject").asText()).isEqualTo(OpaqueIssuer.USER);
        assertThat(JSON.convertValue(body.get("scopes"), List.class)).isEmpty();
        assertThat(get("servlet/whoami", token).statusCode()).isEqualTo(200);

        // Userinfo says who the caller is, not what the token allows: a resource that needs a scope answers 403.
        HttpResponse<String> patients = get("api/patients", token);
        assertThat(patients.statusCode()).as(patients.body()).isEqualTo(403);
        assertThat(patients.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "error=\"insufficient_scope\", error_description=\"The access token does not grant the scope this "
                + "resource requires.\", scope=\"read:patients\"");
        assertThat(patients.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        for (int i = 0; i < 5; i++) {
            assertThat(get("api/me", token).statusCode()).isEqualTo(200);
        }
        assertThat(control.calls(token)).isEqualTo(1);
    }

    @Test
    void aRevokedUserTokenIsRefused() {
        String token = issuer.userToken();
        issuer.revoke(OpaqueIssuer.WEB_APP, token);
        assertInvalidToken(get("api/me", token));
        assertInvalidToken(get("api/me", token));
        assertThat(control.calls(token)).as("the rejection is cached").isEqualTo(1);
    }

    @Test
    void aTokenWithoutOpenidIsRefusedByUserinfo() {
        // A client_credentials token has no user and no openid scope: the userinfo endpoint refuses it.
        String token = issuer.clientCredentialsToken(OpaqueIssuer.APP, "read:patients");
        assertInvalidToken(get("api/me", token));
        assertThat(control.calls(token)).isEqualTo(1);
    }

    @Test
    void aFailingUserinfoEndpointGives503WithRetryAfter() {
        String token = issuer.userToken();
        control.unavailable(true);
        HttpResponse<String> response = get("api/me", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().allValues("Retry-After")).containsExactly("9");
        assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(response.body()).contains("\"status\":503");
        control.unavailable(false);
        // Once the back-off (a second) is over, the issuer is asked again.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> recovered = get("api/me", token);
        while (recovered.statusCode() == 503 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            recovered = get("api/me", token);
        }
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(control.calls(token)).isEqualTo(2);
    }

    private HttpResponse<String> get(String path, String token) {
        return LoopbackHttp.getWithBearer(Loopback.resolve(deploymentUrl, path), token);
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"" + NOT_ACTIVE + "\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401", "\"detail\":\"" + NOT_ACTIVE + "\"");
    }
}
