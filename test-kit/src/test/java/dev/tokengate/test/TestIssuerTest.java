package dev.tokengate.test;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test issuer's endpoints, keys, failures and token shapes, used over HTTP as an application would. */
class TestIssuerTest {
    @RegisterExtension
    static TestIssuer issuer = TestIssuer.create().audience("https://api.example.com");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> introspect(String token, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
        return http.send(HttpRequest.newBuilder(URI.create(issuer.introspectionUri()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Object> claimsOf(String token) throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(issuer.jwksUri())))
                .setExpectedIssuer(issuer.issuer()).setExpectedAudience("https://api.example.com").build();
        return consumer.processToClaims(token).getClaimsMap();
    }

    @Test
    void itListensOnLoopbackOnly() {
        assertThat(issuer.issuer()).startsWith("http://127.0.0.1:");
    }

    @Test
    void theDiscoveryDocumentNamesEveryEndpoint() throws Exception {
        Map<String, Object> document = JsonUtil.parseJson(get(issuer.discoveryUri()).body());
        assertThat(document).containsEntry("issuer", issuer.issuer()).containsEntry("jwks_uri", issuer.jwksUri())
                .containsEntry("introspection_endpoint", issuer.introspectionUri())
                .containsEntry("userinfo_endpoint", issuer.userinfoUri());
    }

    @Test
    void aTokenVerifiesWithThePublishedKeys() throws Exception {
        Map<String, Object> claims = claimsOf(issuer.token().subject("alice").scopes("read:patients").roles("nurse").build());
        assertThat(claims).containsEntry("sub", "alice").containsEntry("scope", "read:patients")
                .containsEntry("groups", List.of("nurse"));
    }

    @Test
    void presetsPutScopesAndRolesWhereEachProviderDoes() throws Exception {
        assertThat(claimsOf(issuer.token().entra().scopes("Patients.Read").roles("Admin").build()))
                .containsEntry("scp", "Patients.Read").containsEntry("roles", List.of("Admin"));
        assertThat(claimsOf(issuer.token().okta().scopes("a", "b").build())).containsEntry("scp", List.of("a", "b"));
        assertThat(claimsOf(issuer.token().keycloak().roles("nurse").build()))
                .containsEntry("realm_access", Map.of("roles", List.of("nurse")));
        assertThat(claimsOf(issuer.token().auth0().scopes("read:patients").roles("nurse").build()))
                .containsEntry("permissions", List.of("read:patients"))
                .containsEntry(TokenBuilder.AUTH0_ROLES_CLAIM, List.of("nurse"));
    }

    @Test
    void presetsLeaveOutWhatWasNotGranted() throws Exception {
        assertThat(claimsOf(issuer.token().keycloak().roles("nurse").build())).doesNotContainKey("scope");
        assertThat(claimsOf(issuer.token().auth0().scopes("read:patients").build()))
                .doesNotContainKey(TokenBuilder.AUTH0_ROLES_CLAIM);
        assertThat(claimsOf(issuer.token().entra().build())).doesNotContainKeys("scp", "roles");
    }

    @Test
    void explicitTimeClaimsWin() throws Exception {
        long inAnHour = java.time.Instant.now().plusSeconds(3600).getEpochSecond();
        assertThat(claimsOf(issuer.token().claim("exp", inAnHour + 60).notBefore(java.time.Instant.now()).build()))
                .containsEntry("exp", inAnHour + 60).containsKey("nbf");
    }

    @Test
    void aTokenUnderAnotherKeyIdNamesIt() throws Exception {
        String token = issuer.token().signedWithUnknownKey().keyId("other-issuer").build();
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(JsonUtil.parseJson(header)).containsEntry("kid", "other-issuer");
    }

    @Test
    void rotatedKeysArePublishedBesideTheOldOnesUntilRetired() throws Exception {
        String before = issuer.token().build();
        String kid = issuer.rotateKeys();
        String after = issuer.token().build();
        assertThat(get(issuer.jwksUri()).body()).contains("\"" + kid + "\"");
        assertThat(claimsOf(before)).containsKey("sub");
        assertThat(claimsOf(after)).containsKey("sub");
        issuer.retireOldKeys();
        assertThat((List<?>) JsonUtil.parseJson(get(issuer.jwksUri()).body()).get("keys")).hasSize(1);
    }

    @Test
    void anEndpointCanBeDownSlowOrFailing() throws Exception {
        try {
            issuer.fail(TestIssuer.Endpoint.JWKS, TestIssuer.Failure.error(503));
            assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(503);
            issuer.fail(TestIssuer.Endpoint.JWKS, TestIssuer.Failure.down());
            assertThatThrownBy(() -> get(issuer.jwksUri())).isInstanceOf(IOException.class);
            issuer.fail(TestIssuer.Endpoint.JWKS, TestIssuer.Failure.slow(Duration.ofMillis(300)));
            long started = System.nanoTime();
            assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(200);
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(300_000_000L);
        } finally {
            issuer.recover();
        }
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(200);
    }

    @Test
    void opaqueTokensAreIntrospectedForTheTestClientOnly() throws Exception {
        String token = issuer.token().subject("bob").scopes("read:patients").opaque();
        Map<String, Object> answer = JsonUtil.parseJson(introspect(token, TestIssuer.CLIENT_ID, TestIssuer.CLIENT_SECRET).body());
        assertThat(answer).containsEntry("active", true).containsEntry("sub", "bob").containsEntry("scope", "read:patients");
        assertThat(JsonUtil.parseJson(introspect("unknown", TestIssuer.CLIENT_ID, TestIssuer.CLIENT_SECRET).body()))
                .containsEntry("active", false);
        assertThat(introspect(token, TestIssuer.CLIENT_ID, "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void hostileShapesAreWhatTheirNamesSay() throws Exception {
        assertThat(issuer.token().unsigned().build()).endsWith(".").contains(".");
        assertThatThrownBy(() -> claimsOf(issuer.token().signedWithUnknownKey().build())).isNotNull();
        assertThatThrownBy(() -> claimsOf(issuer.token().expired().build())).isNotNull();
    }

    @Test
    void thePropertiesPointAnApplicationHere() {
        assertThat(issuer.properties()).containsEntry("mp.jwt.verify.issuer", issuer.issuer())
                .containsEntry("mp.jwt.verify.audiences", "https://api.example.com")
                .containsEntry("mp.jwt.verify.publickey.location", issuer.jwksUri());
    }
}
