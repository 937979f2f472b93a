package dev.tokengate.internal.opaque;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokengate.Authentication;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.cache.TokenOutcomeCache.Loaded;
import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.config.TokengateConfig.HttpSettings;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings.ClientAuthentication;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings.OpaqueValidation;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.testing.Accessors;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the issuer answers to introspection and userinfo calls, straight into the code that judges it (no HTTP): an
 * outcome, never an exception; an accepted introspection answer is active, unexpired, and for this issuer and API.
 */
class IssuerAnswerFuzzTest {
    static final String ISSUER = "https://issuer.example.test/";
    static final String AUDIENCE = "https://api.example.test";
    static final long NOW = 1_900_000_000L;
    static final URI ENDPOINT = URI.create("http://127.0.0.1:1/unused");
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    /** Never used to call anybody: the answers are handed to the validators directly. */
    static final IssuerHttpClient UNUSED = new IssuerHttpClient(new HttpSettings(Duration.ofMillis(100),
            Duration.ofMillis(100), 1024, false));
    static final IssuerQuerySettings SETTINGS = new IssuerQuerySettings(OpaqueValidation.INTROSPECTION,
            Optional.of(ENDPOINT), Optional.of(ENDPOINT), "client", Optional.of("secret"),
            ClientAuthentication.CLIENT_SECRET_BASIC, Duration.ofMinutes(1), Duration.ofSeconds(10), 100);
    static final IntrospectionValidator INTROSPECTION = new IntrospectionValidator(
            new IssuerEndpoint.Configured(ENDPOINT), SETTINGS, ISSUER, Set.of(AUDIENCE), Duration.ofSeconds(60),
            AccessClaims.DEFAULT, UNUSED, CLOCK, Duration.ofSeconds(10));
    static final UserinfoValidator USERINFO = new UserinfoValidator(new IssuerEndpoint.Configured(ENDPOINT), SETTINGS,
            AccessClaims.DEFAULT, UNUSED, CLOCK, Duration.ofSeconds(10));

    static int status(FuzzedDataProvider data) {
        return data.consumeBoolean() ? 200 : data.consumeInt(100, 599);
    }

    @FuzzTest
    void introspectionAnswer(FuzzedDataProvider data) {
        int status = status(data);
        Loaded loaded = INTROSPECTION.interpret("t", new IssuerHttpClient.Response(status, data.consumeRemainingAsBytes()));
        assertThat(loaded.outcome()).isNotNull();
        if (loaded.outcome() instanceof Authentication.Authenticated authenticated) {
            VerifiedToken token = authenticated.token();
            assertThat(token.rawClaims().get("active")).isEqualTo(Boolean.TRUE);
            assertThat(token.expiresAt()).isGreaterThan(NOW - 60);
            if (token.rawClaims().containsKey("iss")) {
                assertThat(token.getIssuer()).isEqualTo(ISSUER);
            }
            if (token.rawClaims().containsKey("aud")) {
                assertThat(token.getAudience()).contains(AUDIENCE);
            }
            long expiresMillis = token.expiresAt() == Long.MAX_VALUE ? Long.MAX_VALUE : token.expiresAt() * 1000;
            assertThat(loaded.reusableUntilMillis()).isLessThanOrEqualTo(Math.min(NOW * 1000 + 60_000, expiresMillis));
            Accessors.readEverything(token);
        }
    }

    @FuzzTest
    void userinfoAnswer(FuzzedDataProvider data) {
        int status = status(data);
        Loaded loaded = USERINFO.interpret("t", new IssuerHttpClient.Response(status, data.consumeRemainingAsBytes()));
        assertThat(loaded.outcome()).isNotNull();
        if (loaded.outcome() instanceof Authentication.Authenticated authenticated) {
            assertThat(authenticated.token().getSubject()).isNotNull();
            Accessors.readEverything(authenticated.token());
        }
    }
}
