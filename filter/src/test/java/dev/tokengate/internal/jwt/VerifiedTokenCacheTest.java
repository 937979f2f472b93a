package dev.tokengate.internal.jwt;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.cache.VerifiedTokenCache;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.TestClock;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A token seen before is answered from the cache, but never past its time limits or its key's removal. */
class VerifiedTokenCacheTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    static final TestKeys NEXT_KEY = TestKeys.rsa("key-2");

    final TestClock clock = new TestClock();

    JwtValidator validator(MapProperties properties) {
        TokengateConfig config = new ConfigLoader(properties, getClass().getClassLoader()).load();
        return JwtValidators.fromSettings(config,
                new IssuerHttpClient(config.http()), clock);
    }

    MapProperties staticKey() {
        return JwtValidatorTest.baseProperties(KEY);
    }

    long now() {
        return clock.millis() / 1000;
    }

    @Test
    void aTokenSeenBeforeIsTheSameVerifiedToken() throws Exception {
        JwtValidator validator = validator(staticKey());
        String token = Tokens.valid(KEY).claim("iat", now()).claim("exp", now() + 300).signWith(KEY);
        VerifiedToken first = validator.verify(token);
        assertThat(validator.verify(token)).isSameAs(first);
    }

    @Test
    void expiryIsCheckedOnEveryUse() throws Exception {
        JwtValidator validator = validator(staticKey());
        String token = Tokens.valid(KEY).claim("iat", now()).claim("exp", now() + 10).signWith(KEY);
        validator.verify(token);
        clock.advance(Duration.ofSeconds(69));
        assertThat(validator.validate(token)).isInstanceOf(Authentication.Authenticated.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(validator.validate(token)).isEqualTo(new Authentication.Rejected(RejectionReason.EXPIRED));
    }

    @Test
    void theMaximumAgeIsCheckedOnEveryUse() throws Exception {
        JwtValidator validator = validator(staticKey().with(PropertyNames.TOKEN_AGE, "100").with(PropertyNames.CLOCK_SKEW, "0"));
        String token = Tokens.valid(KEY).claim("iat", now()).claim("exp", now() + 3600).signWith(KEY);
        validator.verify(token);
        clock.advance(Duration.ofSeconds(100));
        assertThat(validator.validate(token)).isInstanceOf(Authentication.Authenticated.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(validator.validate(token)).isEqualTo(new Authentication.Rejected(RejectionReason.TOO_OLD));
    }

    @Test
    void anEntryDiesWhenItsKeyLeavesTheJwks() throws Exception {
        try (JwksServer server = new JwksServer().serve(KEY)) {
            JwtValidator validator = validator(MapProperties.of(
                    PropertyNames.ISSUER, server.issuer(),
                    PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                    PropertyNames.PUBLIC_KEY_LOCATION, server.jwksUri().toString(),
                    PropertyNames.JWKS_REFRESH, "60s"));
            String token = Tokens.valid(KEY).claim("iss", server.issuer()).claim("iat", now()).claim("exp", now() + 3600).signWith(KEY);
            assertThat(validator.validate(token)).isInstanceOf(Authentication.Authenticated.class);

            server.serve(NEXT_KEY);
            clock.advance(Duration.ofSeconds(61)); // the next use starts a background refresh
            validator.validate(token);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Authentication outcome = validator.validate(token);
            while (outcome instanceof Authentication.Authenticated && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
                outcome = validator.validate(token);
            }
            assertThat(outcome).isEqualTo(new Authentication.Rejected(RejectionReason.UNKNOWN_KEY));
        }
    }

    @Test
    void zeroSwitchesTheCacheOff() throws Exception {
        JwtValidator validator = validator(staticKey().with(PropertyNames.VERIFIED_CACHE_SIZE, "0"));
        String token = Tokens.valid(KEY).claim("iat", now()).claim("exp", now() + 300).signWith(KEY);
        assertThat(validator.verify(token)).isNotSameAs(validator.verify(token));
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokenCache cache = new VerifiedTokenCache(20);
        for (int i = 0; i < 500; i++) {
            VerifiedToken token = new VerifiedToken("t" + i, java.util.Map.of(), dev.tokengate.Scopes.NONE, 1000);
            cache.put(token, KEY.pair().getPublic(), 1000, 10);
            assertThat(cache.size()).isLessThanOrEqualTo(20);
        }
        assertThat(cache.get("t499", 10, key -> true)).isNotNull();
        assertThat(cache.get("t499", 1000, key -> true)).isNull();
        assertThat(cache.get("t498", 10, key -> false)).isNull();
    }
}
