package dev.tokengate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokengate.it.support.DPoPClient;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.test.TokenBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample API as built by the sample-war module, on Payara Micro, with its configuration pointed at the test
 * issuer (keys found by OIDC discovery over HTTP): every endpoint of the spec's table against every kind of token.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class SampleApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BARE = "Bearer realm=\"api\"";

    /** The protected endpoints and the scope each needs (a space-separated list means any of them). */
    private static final Map<String, String> PROTECTED = new LinkedHashMap<>();

    static {
        PROTECTED.put("GET api/me", "");
        PROTECTED.put("GET api/claims", "");
        PROTECTED.put("GET api/patients", "read:patients");
        PROTECTED.put("POST api/patients", "write:patients");
        PROTECTED.put("GET api/admin", "read:admin");
        PROTECTED.put("GET api/records", "read:patients read:admin");
        PROTECTED.put("GET servlet/whoami", "");
    }

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.remove("mp.jwt.verify.publickey.location"); // discovery: <issuer>/.well-known/openid-configuration
        config.put("tokengate.protected-paths", "/servlet/*"); // as in the sample's own file
        return TestWars.sampleWar(config);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private HttpResponse<String> call(String endpoint, String authorization) {
        String[] parts = endpoint.split(" ");
        URI uri = Loopback.resolve(deploymentUrl, parts[1]);
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        HttpRequest.Builder request = LoopbackHttp.request(uri, headers);
        request = parts[0].equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        return LoopbackHttp.send(request.build());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** client-1's token for this API, valid for an hour: the tests add what each is about. */
    private static TokenBuilder token() {
        return KitIssuer.get().token().subject("client-1");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String challenge) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }

    @Test
    void thePrescriptionsNeedAStrongRecentLogin() {
        assertProblem(call("GET api/prescriptions", null), 401, BARE);
        assertProblem(call("GET api/prescriptions", bearer(token().scopes("read:patients").build())), 401,
                "Bearer realm=\"api\", error=\"insufficient_user_authentication\", error_description=\"A different"
                        + " authentication level is required.\", acr_values=\"mfa\", max_age=300");
        Instant now = Instant.now();
        String oldLogin = token().scopes("read:patients").acr("mfa").authTime(now.minusSeconds(3600)).build();
        assertProblem(call("GET api/prescriptions", bearer(oldLogin)), 401, "Bearer realm=\"api\","
                + " error=\"insufficient_user_authentication\", error_description=\"More recent authentication is"
                + " required.\", acr_values=\"mfa\", max_age=300");
        HttpResponse<String> strong = call("GET api/prescriptions",
                bearer(token().scopes("read:patients").acr("mfa").authTime(now).build()));
        assertThat(strong.statusCode()).as(strong.body()).isEqualTo(200);
    }

    static final String DPOP_ALGS = "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512 EdDSA\"";

    @Test
    void theLabResultsNeedADpopBoundTokenWithItsProof() {
        DPoPClient client = new DPoPClient();
        String bound = token().scopes("read:patients").dpopBound(client.thumbprint()).build();
        URI uri = Loopback.resolve(deploymentUrl, "api/lab-results");
        HttpResponse<String> proven = LoopbackHttp.get(uri, Map.of("Authorization", "DPoP " + bound,
                "DPoP", client.proof("GET", uri.toString(), bound)));
        assertThat(proven.statusCode()).as(proven.body()).isEqualTo(200);
        assertThat(proven.body()).contains("lab results");

        assertProblem(call("GET api/lab-results", null), 401, "DPoP realm=\"api\", " + DPOP_ALGS);
        assertProblem(call("GET api/lab-results", bearer(token().scopes("read:patients").build())), 401,
                "DPoP realm=\"api\", error=\"invalid_token\", error_description=\"This resource accepts only DPoP-bound"
                        + " access tokens.\", " + DPOP_ALGS);
        assertProblem(call("GET api/lab-results", bearer(bound)), 401,
                "DPoP realm=\"api\", error=\"invalid_token\", error_description=\"The access token is bound to a DPoP key"
                        + " and must be sent with the DPoP scheme and a proof.\", " + DPOP_ALGS);
    }

    private static String invalidToken(String description) {
        return "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"" + description + "\"";
    }

    @Test
    void thePublicEndpointNeedsNothingAndIgnoresBadTokens() {
        for (String authorization : new String[] {null, "Bearer garbage", "Bearer a.b.c", "Basic dXNlcjpwYXNz", "Bearer"}) {
            HttpResponse<String> response = call("GET api/public/ping", authorization);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("pong");
        }
    }

    @Test
    void everyProtectedEndpointChallengesARequestWithoutAToken() {
        PROTECTED.keySet().forEach(endpoint -> assertProblem(call(endpoint, null), 401, BARE));
    }

    @Test
    void eachEndpointNeedsItsScope() {
        String all = bearer(token().scopes("read:patients", "write:patients", "read:admin").build());
        String none = bearer(token().scopes("openid").build());
        PROTECTED.forEach((endpoint, scopes) -> {
            assertThat(call(endpoint, all).statusCode()).as(endpoint).isIn(200, 201);
            HttpResponse<String> withoutScope = call(endpoint, none);
            if (scopes.isEmpty()) {
                assertThat(withoutScope.statusCode()).as(endpoint).isEqualTo(200);
            } else {
                assertProblem(withoutScope, 403, "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
                        + "The access token does not grant the scope this resource requires.\", scope=\"" + scopes + "\"");
            }
        });
        assertThat(call("GET api/records", bearer(token().scopes("read:admin").build())).statusCode()).isEqualTo(200);
        assertThat(call("GET api/records", bearer(token().scopes("read:patients").build())).statusCode()).isEqualTo(200);
    }

    @Test
    void anAuth0ShapedTokenWorks() throws Exception {
        // not the kit's auth0() preset: its permissions would repeat the scope claim, and here they differ
        String token = KitIssuer.get().token().subject("auth0|user-7")
                .audience(KitIssuer.AUDIENCE, KitIssuer.get().issuer() + "/userinfo")
                .claim("azp", "spa-client").claim("scope", "openid profile")
                .claim("permissions", List.of("read:patients", "read:admin")).build();
        HttpResponse<String> me = call("GET api/me", bearer(token));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.get("sub").asText()).isEqualTo("auth0|user-7");
        assertThat(body.get("azp").asText()).isEqualTo("spa-client");
        assertThat(body.get("aud").toString()).contains(KitIssuer.AUDIENCE);
        assertThat(body.get("scopes").toString()).contains("openid", "profile", "read:patients", "read:admin");
        // @Inject JsonWebToken gives the token the filter validated, not smallrye-jwt's empty one.
        assertThat(body.get("injectedSubject").asText()).isEqualTo("auth0|user-7");
        assertThat(call("GET api/patients", bearer(token)).statusCode()).isEqualTo(200);
        assertThat(call("GET api/admin", bearer(token)).statusCode()).isEqualTo(200);
        assertThat(call("POST api/patients", bearer(token)).statusCode()).isEqualTo(403);
    }

    @Test
    void claimInjectionGivesTheValidatedTokensClaims() throws Exception {
        long issuedAt = java.time.Instant.now().getEpochSecond() - 5;
        String token = token().subject("claims-user").scopes("read:patients").roles("nurse", "admin")
                .claim("iat", issuedAt).build();
        HttpResponse<String> claims = call("GET api/claims", bearer(token));
        assertThat(claims.statusCode()).as(claims.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(claims.body());
        assertThat(body.get("sub").asText()).isEqualTo("claims-user");
        assertThat(body.get("iat").asLong()).isEqualTo(issuedAt);
        assertThat(body.get("exp").asLong()).isGreaterThan(issuedAt);
        assertThat(body.get("groups").toString()).isEqualTo("[\"admin\",\"nurse\"]");
        assertThat(body.get("scope").asText()).isEqualTo("read:patients");
        assertThat(body.get("aud").asText()).contains(KitIssuer.AUDIENCE);
        assertThat(call("GET api/claims", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anOktaShapedTokenWorks() throws Exception {
        String token = KitIssuer.get().token().okta().subject("00u-okta-user").scopes("read:patients", "write:patients")
                .claim("cid", "okta-client").claim("client_id", "okta-client").build();
        HttpResponse<String> me = call("GET api/me", bearer(token));
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.get("client_id").asText()).isEqualTo("okta-client");
        assertThat(body.get("scopes").toString()).contains("read:patients", "write:patients");
        assertThat(call("POST api/patients", bearer(token)).statusCode()).isEqualTo(201);
        assertProblem(call("GET api/admin", bearer(token)), 403, "Bearer realm=\"api\", error=\"insufficient_scope\", "
                + "error_description=\"The access token does not grant the scope this resource requires.\", scope=\"read:admin\"");
    }

    @Test
    void thePlainServletSeesTheCaller() throws Exception {
        HttpResponse<String> response = call("GET servlet/whoami", bearer(token().build()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("authType").asText()).isEqualTo("Bearer");
    }

    @Test
    void everyKindOfBadTokenIsRefusedEverywhereWithItsReason() throws Exception {
        String valid = token().scopes("read:patients", "write:patients", "read:admin").build();
        String[] parts = valid.split("\\.");
        long now = Instant.now().getEpochSecond();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(token().expiresIn(Duration.ofSeconds(-3600)).build(), "The access token has expired.");
        cases.put(token().claim("nbf", now + 3600).expiresIn(Duration.ofHours(2)).build(),
                "The access token is not valid yet.");
        cases.put(token().audience("https://other.example.test").build(), "The access token is not intended for this API.");
        // Another issuer, signing with its own key: refused for its iss, before any key is looked up...
        cases.put(token().claim("iss", "http://127.0.0.1:1/other-issuer").signedWithUnknownKey().keyId("other-issuer")
                .build(), "The access token was not issued by the trusted issuer.");
        // ...as the trusted key with another iss is...
        cases.put(token().claim("iss", "https://evil.example.test").build(),
                "The access token was not issued by the trusted issuer.");
        // ...while the trusted iss with a key this API does not know is refused for the key.
        cases.put(token().signedWithUnknownKey().keyId("not-published").build(),
                "The access token is signed with a key this API does not know.");
        cases.put(parts[0] + "." + tamper(parts[1]) + "." + parts[2], "The access token signature is invalid.");
        cases.put(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
                "The access token is signed with an algorithm this API does not accept.");
        cases.put(hmacWithThePublicKey(parts[1]),
                "The access token is signed with an algorithm this API does not accept.");
        cases.put("garbage-that-is-no-jwt", "The access token is not a signed JWT and this API accepts no other kind.");
        cases.put("eyJhbGciOiJSUzI1NiJ9.e30.c2ln=", "The access token is malformed.");
        cases.forEach((token, description) -> PROTECTED.keySet().forEach(endpoint ->
                assertProblem(call(endpoint, bearer(token)), 401, invalidToken(description))));
    }

    @Test
    void malformedRequestsAreInvalidRequests() {
        String malformed = "Bearer realm=\"api\", error=\"invalid_request\", error_description=\""
                + "The Authorization header is not a well-formed Bearer credential.\"";
        PROTECTED.keySet().forEach(endpoint -> {
            assertProblem(call(endpoint, "Bearer two tokens"), 400, malformed);
            assertProblem(call(endpoint, "Bearer"), 400, malformed);
        });
    }

    /** Changes one claim character, keeping the signature: the classic tampering test. */
    private static String tamper(String payload) {
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return b64(json.replace("client-1", "client-2"));
    }


    /** RS256 public key used as an HS256 secret: the key-confusion attack. */
    private static String hmacWithThePublicKey(String payload) throws Exception {
        String jwks = LoopbackHttp.get(URI.create(KitIssuer.get().jwksUri())).body();
        byte[] secret = jwks.getBytes(StandardCharsets.UTF_8);
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
