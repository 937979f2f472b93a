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

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static dev.tokengate.it.support.OpaqueIssuer.APP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opaque access tokens on Payara Micro: the sample API as built, configured for RFC 7662 introspection at a real
 * authorization server that issues opaque (reference) tokens, Spring Authorization Server ({@link OpaqueIssuer}), whose
 * introspection endpoint tokengate finds through OIDC discovery and calls as a confidential client (basic auth).
 *
 * <p>Each test uses tokens of its own, and counts the introspection calls per token, so the tests do not depend on
 * each other's cache entries. Cache settings: answers reused {@value #CACHE_TTL_SECONDS} s, rejections 1 s.
 */
// anIssuerThatFails... and aSlowIssuer... take the issuer down: tokengate warns that introspection failed (rate-bounded)
@ExpectedWarnings("tokengate: token introspection failed")
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class OpaqueTokenIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHE_TTL_SECONDS = 5;
    private static final int RETRY_AFTER_SECONDS = 7;
    private static final String NOT_ACTIVE = "The issuer does not recognise the access token as active.";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        OpaqueIssuer issuer = OpaqueIssuer.get();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", issuer.issuer());
        config.put("mp.jwt.verify.audiences", OpaqueIssuer.AUDIENCE);
        config.put("tokengate.resource-metadata.enabled", "false"); // challenges compared exactly; ResourceMetadataIT
        config.put("tokengate.protected-paths", "/servlet/*"); // as in the sample's own file
        config.put("tokengate.opaque.validation", "introspection");
        // tokengate.introspection.endpoint unset: the discovery document's introspection_endpoint
        config.put("tokengate.introspection.client-id", OpaqueIssuer.RESOURCE_SERVER);
        config.put("tokengate.introspection.client-secret", OpaqueIssuer.secret(OpaqueIssuer.RESOURCE_SERVER));
        config.put("tokengate.http.connect-timeout", "1s");
        config.put("tokengate.http.read-timeout", "1s");
        config.put("tokengate.retry-after", RETRY_AFTER_SECONDS + "s");
        config.put("tokengate.opaque.cache.ttl", CACHE_TTL_SECONDS + "s");
        config.put("tokengate.opaque.cache.negative-ttl", "1s");
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
    void aValidOpaqueTokenIsAcceptedAndIntrospectedOnce() throws Exception {
        String token = issuer.clientCredentialsToken(APP, "read:patients write:patients");
        assertThat(token).as("an opaque token, not a JWS").doesNotContain(".");

        HttpResponse<String> patients = get("api/patients", token);
        assertThat(patients.statusCode()).as(patients.body()).isEqualTo(200);
        assertThat(patients.body()).contains("Ada");

        HttpResponse<String> me = get("api/me", token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.get("sub").asText()).isEqualTo(APP);
        assertThat(body.get("client_id").asText()).isEqualTo(APP);
        assertThat(body.get("azp").asText()).isEqualTo(APP);
        assertThat(JSON.convertValue(body.get("scopes"), List.class)).containsExactly("read:patients", "write:patients");
        assertThat(JSON.convertValue(body.get("aud"), List.class)).containsExactly(OpaqueIssuer.AUDIENCE);
        assertThat(body.get("injectedSubject").asText()).isEqualTo(APP);

        HttpResponse<String> created = send("POST", "api/patients", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> whoami = get("servlet/whoami", token);
        assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
        for (int i = 0; i < 6; i++) {
            assertThat(get(i % 2 == 0 ? "api/patients" : "api/me", token).statusCode()).isEqualTo(200);
        }
        // Ten requests within the cache TTL: the issuer was asked once.
        assertThat(control.calls(token)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithANewTokenMakeOneIntrospectionCall() {
        String token = issuer.clientCredentialsToken(APP, "read:patients");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> get("api/patients", token), pool))
                    .toList();
            responses.forEach(r -> assertThat(r.join().statusCode()).isEqualTo(200));
        } finally {
            pool.shutdownNow();
        }
        assertThat(control.calls(token)).isEqualTo(1);
    }

    @Test
    void aRevokedTokenThatWasNeverCachedIsRefusedAtOnce() {
        String token = issuer.clientCredentialsToken(APP, "read:patients");
        issuer.revoke(APP, token);
        assertThat(issuer.introspect(token).get("active").asBoolean()).isFalse();
        int before = control.calls(token);

        assertInvalidToken(get("api/patients", token), NOT_ACTIVE);
        assertThat(control.calls(token)).isEqualTo(before + 1);
    }

    @Test
    void aRevokedTokenIsRefusedOnceItsCacheEntryHasLapsed() {
        String token = issuer.clientCredentialsToken(APP, "read:patients");
        assertThat(get("api/patients", token).statusCode()).isEqualTo(200);
        Instant cachedAt = Instant.now();
        issuer.revoke(APP, token);
        // Within the TTL the cached answer stands (that is the cache's contract) ...
        HttpResponse<String> cached = get("api/patients", token);
        if (Instant.now().isBefore(cachedAt.plusSeconds(CACHE_TTL_SECONDS - 1))) {
            assertThat(cached.statusCode()).isEqualTo(200);
            assertThat(control.calls(token)).isEqualTo(1);
        }
        // ... and after it the issuer is asked again, and says the token is no longer active.
        HttpResponse<String> refused = pollUntil("api/patients", token, r -> r.statusCode() != 200,
                Duration.ofSeconds(CACHE_TTL_SECONDS + 20));
        assertThat(Duration.between(cachedAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(CACHE_TTL_SECONDS - 1));
        assertInvalidToken(refused, NOT_ACTIVE);
        assertThat(control.calls(token)).isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = issuer.clientCredentialsToken(OpaqueIssuer.SHORT_LIVED_APP, "read:patients");
        long exp = issuer.introspect(token).required("exp").asLong();
        HttpResponse<String> first = get("api/patients", token);
        if (Instant.now().getEpochSecond() < exp) {
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        }
        HttpResponse<String> refused = pollUntil("api/patients", token, r -> r.statusCode() != 200, Duration.ofSeconds(30));
        assertThat(Instant.now().getEpochSecond()).isGreaterThanOrEqualTo(exp);
        // Spring Authorization Server reports an expired token as inactive (RFC 7662 §2.2), so that is the reason given.
        assertInvalidToken(refused, NOT_ACTIVE);
        assertInvalidToken(get("api/me", token), NOT_ACTIVE);
    }

    @Test
    void aTokenForAnotherApiIsRefused() {
        String token = issuer.clientCredentialsToken(OpaqueIssuer.OTHER_API_APP, "read:patients");
        assertThat(issuer.introspect(token).get("active").asBoolean()).isTrue();
        assertInvalidToken(get("api/patients", token), "The access token is not intended for this API.");
        assertInvalidToken(get("api/me", token), "The access token is not intended for this API.");
        assertInvalidToken(get("servlet/whoami", token), "The access token is not intended for this API.");
    }

    @Test
    void aTokenWithoutTheScopeIsForbidden() throws Exception {
        String token = issuer.clientCredentialsToken(APP, "write:patients");
        HttpResponse<String> response = get("api/patients", token);
        assertProblem(response, 403, "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
                + "The access token does not grant the scope this resource requires.\", scope=\"read:patients\"");
        assertThat(response.body()).contains("\"error\":\"insufficient_scope\"");
        HttpResponse<String> me = get("api/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.convertValue(JSON.readTree(me.body()).get("scopes"), List.class)).containsExactly("write:patients");
        assertThat(send("POST", "api/patients", token).statusCode()).isEqualTo(201);
    }

    @Test
    void anIssuerThatFailsGives503WithRetryAfterAndIsAskedAgainLater() {
        String token = issuer.clientCredentialsToken(APP, "read:patients");
        control.unavailable(true);
        assertUnavailable(get("api/patients", token));
        // Backing off: the next request within a second is answered 503 without asking the failing issuer.
        assertUnavailable(get("api/me", token));
        assertThat(control.calls(token)).isEqualTo(1);

        control.unavailable(false);
        // A failure is not cached: once the back-off is over, the issuer is asked again.
        assertThat(pollUntil("api/patients", token, r -> r.statusCode() != 503, Duration.ofSeconds(10)).statusCode())
                .isEqualTo(200);
        assertThat(control.calls(token)).isEqualTo(2);
    }

    @Test
    void aSlowIssuerGives503WithinTheReadTimeout() {
        Duration delay = Duration.ofSeconds(8);
        String token = issuer.clientCredentialsToken(APP, "read:patients");
        control.delay(delay);
        long start = System.nanoTime();
        HttpResponse<String> response = get("api/patients", token);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertUnavailable(response);
        // read timeout 1 s: the answer comes long before the issuer would have
        assertThat(took).isLessThan(delay.dividedBy(2));
        assertThat(control.calls(token)).isEqualTo(1);

        control.delay(Duration.ZERO);
        assertThat(pollUntil("api/patients", token, r -> r.statusCode() != 503, Duration.ofSeconds(10)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenTheIssuerNeverIssuedIsRefused() {
        String token = "never-issued-" + Long.toHexString(System.nanoTime());
        assertInvalidToken(get("api/patients", token), NOT_ACTIVE);
        assertThat(control.calls(token)).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private HttpResponse<String> get(String path, String token) {
        return send("GET", path, token);
    }

    private HttpResponse<String> send(String method, String path, String token) {
        URI uri = Loopback.resolve(deploymentUrl, path);
        HttpRequest.Builder request = LoopbackHttp.request(uri, Map.of("Authorization", "Bearer " + token));
        return LoopbackHttp.send((method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET())
                .build());
    }

    /** Repeats the request every 200 ms until {@code done} holds, failing after {@code limit}. */
    private HttpResponse<String> pollUntil(String path, String token, Predicate<HttpResponse<String>> done,
                                           Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            HttpResponse<String> response = get(path, token);
            if (done.test(response)) {
                return response;
            }
            assertThat(System.nanoTime()).as("still %d after %s: %s", response.statusCode(), limit, response.body())
                    .isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static void assertInvalidToken(HttpResponse<String> response, String description) {
        assertProblem(response, 401,
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"" + description + "\"");
        assertThat(response.body()).contains("\"detail\":\"" + description + "\"", "\"error\":\"invalid_token\"");
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().allValues("Retry-After")).containsExactly(Integer.toString(RETRY_AFTER_SECONDS));
        assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":503",
                "\"detail\":\"The token issuer cannot be reached; try again later.\"");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String challenge) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(response.headers().allValues("Retry-After")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }
}
