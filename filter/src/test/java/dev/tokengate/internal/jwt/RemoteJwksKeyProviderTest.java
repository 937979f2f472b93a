package dev.tokengate.internal.jwt;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.http.IssuerUnavailableException;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.TestClock;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.tokengate.testing.Tokens.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWKS lifecycle against a real HTTP endpoint on 127.0.0.1. */
class RemoteJwksKeyProviderTest {
    static final TestKeys KEY_1 = TestKeys.rsa("key-1");
    static final TestKeys KEY_2 = TestKeys.rsa("key-2");

    final JwksServer server = new JwksServer();
    final TestClock clock = new TestClock();

    @AfterEach
    void stop() {
        server.close();
    }

    TokengateConfig config(String... extra) {
        MapProperties properties = MapProperties.of(
                PropertyNames.ISSUER, server.issuer(),
                PropertyNames.AUDIENCES, AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, server.jwksUri().toString(),
                PropertyNames.READ_TIMEOUT, "1s",
                PropertyNames.CONNECT_TIMEOUT, "1s");
        for (int i = 0; i < extra.length; i += 2) {
            properties = properties.with(extra[i], extra[i + 1]);
        }
        return new ConfigLoader(properties, getClass().getClassLoader()).load();
    }

    JwtValidator validator(TokengateConfig config) {
        return JwtValidators.fromSettings(config,
                new IssuerHttpClient(config.http()), clock);
    }

    String token(TestKeys keys) {
        return Tokens.valid(keys).claim("iss", server.issuer()).signWith(keys);
    }

    RemoteJwksKeyProvider provider(TokengateConfig config) {
        return new RemoteJwksKeyProvider(new RemoteJwksKeyProvider.JwksLocation.Fixed(server.jwksUri()),
                new IssuerHttpClient(config.http()), config.jwks(), clock);
    }

    @Test
    void fetchesOnceAndServesFromTheCache() {
        server.serve(KEY_1);
        JwtValidator validator = validator(config());
        for (int i = 0; i < 20; i++) {
            assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
        }
        assertThat(server.jwksRequests()).isEqualTo(1);
    }

    @Test
    void picksUpARotatedKeyOnItsFirstToken() {
        server.serve(KEY_1);
        JwtValidator validator = validator(config());
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);

        server.serve(KEY_1, KEY_2);
        assertThat(validator.validate(token(KEY_2))).isInstanceOf(Authentication.Authenticated.class);
        assertThat(server.jwksRequests()).isEqualTo(2);
    }

    @Test
    void aForeignIssuersTokenIsRefusedByIssuerWithoutTouchingTheKeySet() {
        server.serve(KEY_1);
        JwtValidator validator = validator(config());
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
        int before = server.jwksRequests();

        // another realm of the same Keycloak: its own key, a kid this key set has never seen
        String foreign = Tokens.valid(KEY_2).claim("iss", server.issuer() + "-other").signWith(KEY_2);
        assertThat(validator.validate(foreign)).isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_ISSUER));
        assertThat(server.jwksRequests()).isEqualTo(before);
    }

    @Test
    void aForeignIssuersTokenLeavesTheRefetchForARealRotation() {
        server.serve(KEY_1);
        JwtValidator validator = validator(config(PropertyNames.JWKS_UNKNOWN_KID, "30s"));
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
        validator.validate(Tokens.valid(KEY_2).claim("iss", server.issuer() + "-other").signWith(KEY_2));

        server.serve(KEY_1, KEY_2);
        assertThat(validator.validate(token(KEY_2))).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void aFloodOfUnknownKidsFetchesAtMostOncePerInterval() throws Exception {
        server.serve(KEY_1);
        JwtValidator validator = validator(config(PropertyNames.JWKS_UNKNOWN_KID, "30s"));
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
        int before = server.jwksRequests();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Authentication>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String forged = Tokens.valid(KEY_2).header("kid", "forged-" + i).claim("iss", server.issuer()).signWith(KEY_2);
                results.add(pool.submit(() -> {
                    start.await();
                    return validator.validate(forged);
                }));
            }
            start.countDown();
            for (Future<Authentication> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new Authentication.Rejected(RejectionReason.UNKNOWN_KEY));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.jwksRequests() - before).isEqualTo(1);

        // The next interval allows one more fetch, which finds a key published meanwhile.
        server.serve(KEY_1, KEY_2);
        assertThat(validator.validate(token(KEY_2))).isEqualTo(new Authentication.Rejected(RejectionReason.UNKNOWN_KEY));
        clock.advance(Duration.ofSeconds(31));
        assertThat(validator.validate(token(KEY_2))).isInstanceOf(Authentication.Authenticated.class);
        assertThat(server.jwksRequests() - before).isEqualTo(2);
    }

    @Test
    void cachedKeysKeepWorkingWhileTheEndpointIsDownAndRefreshResumesAfter() throws Exception {
        server.serve(KEY_1);
        TokengateConfig config = config(PropertyNames.JWKS_REFRESH, "60s");
        RemoteJwksKeyProvider provider = provider(config);
        JwtValidator validator = new JwtValidator(List.of(new AllowedAlgorithms(java.util.Set.of("RS256"))), provider,
                new SignatureVerifier(java.util.Set.of("RS256")), List.of(), AccessClaims.DEFAULT, clock, Duration.ofSeconds(5));
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);

        server.down(true);
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 5; i++) {
            assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
        }
        int duringOutage = awaitRequests(2);
        // Backing off: more requests in the same second start no new fetch.
        for (int i = 0; i < 5; i++) {
            validator.validate(token(KEY_1));
        }
        assertThat(server.jwksRequests()).isEqualTo(duringOutage);

        server.down(false);
        server.serve(KEY_2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
        awaitRequests(duringOutage + 1);
        awaitKeys(provider, "key-2");
        assertThat(validator.validate(token(KEY_2))).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void withoutCachedKeysAnUnreachableEndpointMeansUnavailableNotInvalid() {
        server.down(true);
        JwtValidator validator = validator(config());
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Unavailable.class);
        int calls = server.jwksRequests();
        // Backing off: the next requests fail fast instead of queueing on a dead issuer.
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Unavailable.class);
        assertThat(server.jwksRequests()).isEqualTo(calls);

        server.down(false);
        server.serve(KEY_1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void aSlowEndpointIsBoundedByTheTimeout() {
        server.serve(KEY_1);
        server.delay(3000);
        JwtValidator validator = validator(config(PropertyNames.READ_TIMEOUT, "300ms", PropertyNames.CONNECT_TIMEOUT, "300ms"));
        int answeredBefore = server.answered();
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Unavailable.class);
        // the validator gave up before the server's 3 s answer was even sent: the timeout, not the server, ended it
        assertThat(server.answered()).isEqualTo(answeredBefore);
    }

    @Test
    void refusesAnOversizedJwksResponse() {
        server.serve("{\"keys\":[],\"padding\":\"" + "x".repeat(5000) + "\"}");
        RemoteJwksKeyProvider provider = provider(config(PropertyNames.MAX_RESPONSE_SIZE, "1000"));
        assertThatThrownBy(provider::current).isInstanceOf(IssuerUnavailableException.class)
                .hasMessageContaining("larger than 1000 bytes");
    }

    @Test
    void discoversTheJwksUriFromTheIssuer() {
        server.serve(KEY_1);
        JwtValidator validator = validator(config(PropertyNames.PUBLIC_KEY_LOCATION, null));
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Authenticated.class);
        assertThat(server.discoveryRequests()).isEqualTo(1);
        assertThat(server.jwksRequests()).isEqualTo(1);
    }

    @Test
    void refusesADiscoveryDocumentAboutAnotherIssuer() {
        server.serve(KEY_1);
        server.issuerInDiscovery("https://evil.example.test");
        JwtValidator validator = validator(config(PropertyNames.PUBLIC_KEY_LOCATION, null));
        assertThat(validator.validate(token(KEY_1))).isInstanceOf(Authentication.Unavailable.class);
        assertThat(server.jwksRequests()).isZero();
    }

    @Test
    void neverCallsPlainHttpOutsideLoopback() {
        IssuerHttpClient http = new IssuerHttpClient(config().http());
        assertThat(http.permits(URI.create("https://issuer.example.test/jwks"))).isTrue();
        assertThat(http.permits(URI.create("http://127.0.0.1:1/jwks"))).isTrue();
        assertThat(http.permits(URI.create("http://localhost/jwks"))).isTrue();
        assertThat(http.permits(URI.create("http://issuer.example.test/jwks"))).isFalse();
        assertThat(http.permits(URI.create("http://10.0.0.1/jwks"))).isFalse();
        assertThat(http.permits(URI.create("file:///etc/passwd"))).isFalse();
    }

    private int awaitRequests(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.jwksRequests() < atLeast && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(server.jwksRequests()).isGreaterThanOrEqualTo(atLeast);
        return server.jwksRequests();
    }

    private static void awaitKeys(RemoteJwksKeyProvider provider, String kid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!provider.current().hasKeyId(kid) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(provider.current().hasKeyId(kid)).isTrue();
    }
}
