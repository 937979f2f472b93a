package dev.tokengate.internal.opaque;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.config.TokengateConfig.HttpSettings;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings.ClientAuthentication;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings.OpaqueValidation;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.testing.OpaqueIssuer;
import dev.tokengate.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The introspection validator on its own: no configuration loader, no filter, one loopback issuer. */
class IntrospectionValidatorTest {
    static final String ISSUER = "https://issuer.example.test/";
    static final String AUDIENCE = "https://api.example.test";

    final OpaqueIssuer issuer = new OpaqueIssuer();
    final TestClock clock = new TestClock();
    final IssuerHttpClient http = new IssuerHttpClient(new HttpSettings(Duration.ofMillis(500), Duration.ofMillis(500),
            64 * 1024, false));
    final long now = clock.instant().getEpochSecond();

    @AfterEach
    void stop() {
        http.close();
        issuer.close();
    }

    IntrospectionValidator validator(ClientAuthentication clientAuthentication) {
        IssuerQuerySettings settings = new IssuerQuerySettings(OpaqueValidation.INTROSPECTION,
                Optional.of(issuer.introspectionEndpoint()), Optional.empty(), OpaqueIssuer.CLIENT_ID,
                Optional.of(OpaqueIssuer.CLIENT_SECRET), clientAuthentication, Duration.ofMinutes(1),
                Duration.ofSeconds(10), 100);
        return new IntrospectionValidator(new IssuerEndpoint.Configured(issuer.introspectionEndpoint()), settings,
                ISSUER, Set.of(AUDIENCE), Duration.ofSeconds(60), AccessClaims.DEFAULT, http, clock, Duration.ofSeconds(10));
    }

    String active(String extra) {
        return "{\"active\":true,\"sub\":\"user-1\",\"scope\":\"read:patients\",\"exp\":" + (now + 600) + extra + "}";
    }

    @Test
    void anActiveAnswerBecomesATokenWithItsScopes() {
        issuer.introspects("t-1", active(""));
        Authentication outcome = validator(ClientAuthentication.CLIENT_SECRET_BASIC).validate("t-1");
        assertThat(outcome).isInstanceOfSatisfying(Authentication.Authenticated.class, authenticated -> {
            assertThat(authenticated.token().getSubject()).isEqualTo("user-1");
            assertThat(authenticated.token().getScopes().values()).containsExactly("read:patients");
            assertThat(authenticated.token().expiresAt()).isEqualTo(now + 600);
        });
    }

    @Test
    void theClientAuthenticatesWithBasicAuthByDefault() {
        issuer.introspects("t-1", active(""));
        validator(ClientAuthentication.CLIENT_SECRET_BASIC).validate("t-1");
        assertThat(issuer.lastClientAuth()).isEqualTo("basic");
    }

    @Test
    void theClientCanAuthenticateInTheBody() {
        issuer.introspects("t-1", active(""));
        validator(ClientAuthentication.CLIENT_SECRET_POST).validate("t-1");
        assertThat(issuer.lastClientAuth()).isEqualTo("post");
    }

    @Test
    void anInactiveAnswerIsTheTokensFault() {
        issuer.introspects("t-1", "{\"active\":false}");
        assertThat(validator(ClientAuthentication.CLIENT_SECRET_BASIC).validate("t-1"))
                .isEqualTo(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE));
    }

    @Test
    void anAnswerForAnotherAudienceIsRefused() {
        issuer.introspects("t-1", active(",\"aud\":\"https://other.example.test\""));
        assertThat(validator(ClientAuthentication.CLIENT_SECRET_BASIC).validate("t-1"))
                .isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_AUDIENCE));
    }

    @Test
    void anIssuerThatFailsIsNotTheTokensFault() {
        issuer.failWith(503);
        assertThat(validator(ClientAuthentication.CLIENT_SECRET_BASIC).validate("t-1"))
                .isInstanceOf(Authentication.Unavailable.class);
    }

    @Test
    void anAnswerIsKeptNoLongerThanTheTokensExp() {
        issuer.introspects("t-1", active("").replace("\"exp\":" + (now + 600), "\"exp\":" + (now + 30)));
        IntrospectionValidator validator = validator(ClientAuthentication.CLIENT_SECRET_BASIC);
        validator.validate("t-1");
        validator.validate("t-1");
        assertThat(issuer.introspectionCalls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        validator.validate("t-1");
        assertThat(issuer.introspectionCalls()).isEqualTo(2);
    }
}
