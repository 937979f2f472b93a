package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.OpaqueIssuer;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.TestClock;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opaque tokens checked by introspection or userinfo against a loopback issuer, through the whole filter. */
class OpaqueTokenValidationTest {
    static final String ISSUER = "https://issuer.example.test/";
    final OpaqueIssuer issuer = new OpaqueIssuer();
    final TestClock clock = new TestClock();
    /** The tests' "now", from the same clock the validators and caches use. */
    final long now = clock.instant().getEpochSecond();

    /** Every runtime a test built, closed after it so that no issuer thread outlives its test. */
    final List<TokengateRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void stop() {
        runtimes.forEach(TokengateRuntime::close);
        issuer.close();
    }

    MapProperties introspection() {
        return MapProperties.of(
                PropertyNames.ISSUER, ISSUER,
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, "http://127.0.0.1:1/unused-jwks",
                PropertyNames.OPAQUE_VALIDATION, "introspection",
                PropertyNames.INTROSPECTION_ENDPOINT, issuer.introspectionEndpoint().toString(),
                PropertyNames.INTROSPECTION_CLIENT_ID, OpaqueIssuer.CLIENT_ID,
                PropertyNames.INTROSPECTION_CLIENT_SECRET, OpaqueIssuer.CLIENT_SECRET,
                PropertyNames.READ_TIMEOUT, "500ms",
                PropertyNames.CONNECT_TIMEOUT, "500ms");
    }

    MapProperties userinfo() {
        return introspection().with(PropertyNames.OPAQUE_VALIDATION, "userinfo")
                .with(PropertyNames.USERINFO_ENDPOINT, issuer.userinfoEndpoint().toString());
    }

    Authentication validate(MapProperties properties, String token) {
        return runtime(properties).validator().validate(token);
    }

    TokengateRuntime runtime(MapProperties properties) {
        TokengateConfig config = new ConfigLoader(properties, getClass().getClassLoader()).load();
        TokengateRuntime runtime = PipelineAssembly.assemble(config, clock);
        runtimes.add(runtime);
        return runtime;
    }

    String active(String extra) {
        return "{\"active\":true,\"sub\":\"user-9\",\"client_id\":\"app-1\",\"scope\":\"read:patients openid\","
                + "\"iss\":\"" + ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"exp\":" + (now + 600) + extra + "}";
    }

    @Test
    void anActiveTokenBecomesThePrincipalWithTheResponsesClaims() {
        issuer.introspects("opaque-1", active(""));
        Authentication outcome = validate(introspection(), "opaque-1");
        assertThat(outcome).isInstanceOf(Authentication.Authenticated.class);
        VerifiedToken token = ((Authentication.Authenticated) outcome).token();
        assertThat(token.getRawToken()).isEqualTo("opaque-1");
        assertThat(token.getSubject()).isEqualTo("user-9");
        assertThat(token.getScopes().values()).containsExactlyInAnyOrder("read:patients", "openid");
        assertThat(token.getExpirationTime()).isEqualTo(now + 600);
        assertThat(issuer.lastClientAuth()).isEqualTo("basic");
    }

    @Test
    void clientSecretPostWorksToo() {
        issuer.introspects("opaque-1", active(""));
        assertThat(validate(introspection().with(PropertyNames.INTROSPECTION_CLIENT_AUTH, "client_secret_post"), "opaque-1"))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(issuer.lastClientAuth()).isEqualTo("post");
    }

    @Test
    void inactiveExpiredOrForeignTokensAreInvalid() {
        issuer.introspects("expired", active(",\"exp\":" + (now - 600)).replace(",\"exp\":" + (now + 600), ""));
        issuer.introspects("other-aud", active("").replace(Tokens.AUDIENCE, "https://other.example.test"));
        issuer.introspects("other-iss", active("").replace(ISSUER, "https://evil.example.test/"));
        issuer.introspects("revoked", "{\"active\":false}");
        TokengateRuntime runtime = runtime(introspection());
        assertThat(runtime.validator().validate("revoked")).isEqualTo(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE));
        assertThat(runtime.validator().validate("unknown")).isEqualTo(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE));
        assertThat(runtime.validator().validate("expired")).isEqualTo(new Authentication.Rejected(RejectionReason.EXPIRED));
        assertThat(runtime.validator().validate("other-aud")).isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_AUDIENCE));
        assertThat(runtime.validator().validate("other-iss")).isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_ISSUER));
    }

    /** The introspection answer's claims follow the JWT path's rules (claims/), where they are present. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "nbf not a number     | ,\"nbf\":\"x\"                  | MALFORMED_CLAIMS",
            "exp beyond year 9999 | ,\"exp\":1e20                   | MALFORMED_CLAIMS",
            "exp a string         | ,\"exp\":\"1900000000\"       | MALFORMED_CLAIMS",
            "aud with a null      | ,\"aud\":[null]                 | MALFORMED_CLAIMS",
            "aud with a number    | ,\"aud\":[7,\"x\"]             | MALFORMED_CLAIMS",
            "iat in the future    | ,\"iat\":4000000000             | ISSUED_IN_FUTURE"})
    void answersWithClaimsAJwtCouldNotCarryAreRefused(String description, String replacement, RejectionReason reason) {
        String json = active("").replace(",\"exp\":" + (now + 600), "").replace(",\"aud\":\"" + Tokens.AUDIENCE + "\"", "");
        issuer.introspects("odd", json.substring(0, json.length() - 1) + replacement + "}");
        assertThat(validate(introspection(), "odd")).isEqualTo(new Authentication.Rejected(reason));
    }

    @Test
    void anAnswerWithoutExpIssOrAudIsAccepted() {
        issuer.introspects("bare", "{\"active\":true,\"sub\":\"user-9\"}");
        assertThat(validate(introspection(), "bare")).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void answersAreCachedWithinTheTtlAndNeverPastExp() {
        issuer.introspects("short", active("").replace(",\"exp\":" + (now + 600), ",\"exp\":" + (now + 20)));
        issuer.introspects("long", active(""));
        TokengateRuntime runtime = runtime(introspection().with(PropertyNames.OPAQUE_CACHE_TTL, "60s"));
        for (int i = 0; i < 10; i++) {
            runtime.validator().validate("short");
            runtime.validator().validate("long");
        }
        assertThat(issuer.introspectionCalls()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));
        runtime.validator().validate("short");
        runtime.validator().validate("long");
        assertThat(issuer.introspectionCalls()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(31));
        runtime.validator().validate("long");
        assertThat(issuer.introspectionCalls()).isEqualTo(4);
    }

    @Test
    void rejectionsAreCachedBriefly() {
        TokengateRuntime runtime = runtime(introspection().with(PropertyNames.OPAQUE_NEGATIVE_TTL, "10s"));
        runtime.validator().validate("bad");
        runtime.validator().validate("bad");
        assertThat(issuer.introspectionCalls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(11));
        runtime.validator().validate("bad");
        assertThat(issuer.introspectionCalls()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithOneNewTokenMakeOneCall() throws Exception {
        issuer.introspects("popular", active(""));
        issuer.delay(200);
        TokengateRuntime runtime = runtime(introspection());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Authentication>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return runtime.validator().validate("popular");
                }));
            }
            start.countDown();
            for (Future<Authentication> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(Authentication.Authenticated.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(issuer.introspectionCalls()).isEqualTo(1);
    }

    @Test
    void anIssuerInTroubleMeansUnavailableAndIsNotCached() {
        issuer.introspects("opaque-1", active(""));
        TokengateRuntime runtime = runtime(introspection());
        issuer.failWith(502);
        assertThat(runtime.validator().validate("opaque-1")).isInstanceOf(Authentication.Unavailable.class);
        issuer.failWith(0);
        // Backing off: for a second the issuer is not asked at all, whatever the token.
        assertThat(runtime.validator().validate("opaque-1")).isInstanceOf(Authentication.Unavailable.class);
        assertThat(runtime.validator().validate("opaque-2")).isInstanceOf(Authentication.Unavailable.class);
        assertThat(issuer.introspectionCalls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(runtime.validator().validate("opaque-1")).isInstanceOf(Authentication.Authenticated.class);
        assertThat(issuer.introspectionCalls()).isEqualTo(2);
    }

    @Test
    void aRequestTheIssuerCannotReadIsAnInvalidToken() {
        issuer.failWith(431);
        assertThat(validate(introspection(), "x".repeat(5000))).isEqualTo(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE));
    }

    @Test
    void ourOwnBadCredentialsAreTheIssuersTroubleNotTheClients() {
        issuer.introspects("opaque-1", active(""));
        assertThat(validate(introspection().with(PropertyNames.INTROSPECTION_CLIENT_SECRET, "wrong"), "opaque-1"))
                .isInstanceOf(Authentication.Unavailable.class);
    }

    @Test
    void aSlowIssuerIsBoundedByTheTimeout() {
        issuer.introspects("opaque-1", active(""));
        issuer.delay(5000);
        int answeredBefore = issuer.answered();
        assertThat(validate(introspection(), "opaque-1")).isInstanceOf(Authentication.Unavailable.class);
        // the call gave up before the issuer's 5 s answer was even sent: the timeout, not the issuer, ended it
        assertThat(issuer.answered()).isEqualTo(answeredBefore);
    }

    @Test
    void userinfoValidatesWithTheTokenItselfAndGrantsNoScopes() {
        issuer.userinfo("auth0-opaque", "{\"sub\":\"auth0|42\",\"name\":\"Ada\",\"email\":\"ada@example.test\"}");
        TokengateRuntime runtime = runtime(userinfo());
        Authentication outcome = runtime.validator().validate("auth0-opaque");
        assertThat(outcome).isInstanceOf(Authentication.Authenticated.class);
        VerifiedToken token = ((Authentication.Authenticated) outcome).token();
        assertThat(token.getSubject()).isEqualTo("auth0|42");
        assertThat(token.getScopes().values()).isEmpty();
        assertThat(runtime.validator().validate("unknown")).isEqualTo(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE));
        runtime.validator().validate("auth0-opaque");
        assertThat(issuer.userinfoCalls()).isEqualTo(2);
    }

    @Test
    void introspectionNeedsClientCredentials() {
        assertThatThrownBy(() -> runtime(introspection().with(PropertyNames.INTROSPECTION_CLIENT_SECRET, null)))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo(PropertyNames.INTROSPECTION_CLIENT_SECRET));
        assertThat(runtime(introspection()).config().issuerQueries().toString()).doesNotContain(OpaqueIssuer.CLIENT_SECRET);
    }

    @Test
    void throughTheFilterAnUnreachableIssuerIsA503() throws Exception {
        issuer.failWith(503);
        try (ServletServer server = new ServletServer(introspection().with(PropertyNames.PROTECTED_PATHS, "/secure/*"))) {
            HttpResponse<String> response = server.get("/secure/whoami", "Authorization", "Bearer opaque-1");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
            issuer.failWith(0);
            issuer.introspects("opaque-1", active(""));
            // After the back-off (a second here) the issuer is asked again.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            HttpResponse<String> recovered = server.get("/secure/whoami", "Authorization", "Bearer opaque-1");
            while (recovered.statusCode() == 503 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
                recovered = server.get("/secure/whoami", "Authorization", "Bearer opaque-1");
            }
            assertThat(recovered.body()).startsWith("user-9|Bearer");
        }
    }
}
