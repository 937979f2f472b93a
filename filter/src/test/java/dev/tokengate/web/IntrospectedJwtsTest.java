package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.OpaqueIssuer;
import dev.tokengate.testing.TestClock;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tokengate.jwt.introspect}: JWTs validated locally, then introspected, through the assembled pipeline. */
class IntrospectedJwtsTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    final OpaqueIssuer issuer = new OpaqueIssuer();
    final TestClock clock = new TestClock();
    final long now = clock.instant().getEpochSecond();
    final List<TokengateRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void stop() {
        runtimes.forEach(TokengateRuntime::close);
        issuer.close();
    }

    MapProperties introspecting(String mode) {
        return MapProperties.of(
                PropertyNames.ISSUER, Tokens.ISSUER,
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY, TestKeys.jwks(KEY),
                PropertyNames.JWT_INTROSPECT, mode,
                PropertyNames.INTROSPECTION_ENDPOINT, issuer.introspectionEndpoint().toString(),
                PropertyNames.INTROSPECTION_CLIENT_ID, OpaqueIssuer.CLIENT_ID,
                PropertyNames.INTROSPECTION_CLIENT_SECRET, OpaqueIssuer.CLIENT_SECRET,
                PropertyNames.READ_TIMEOUT, "500ms",
                PropertyNames.CONNECT_TIMEOUT, "500ms");
    }

    Authentication validate(MapProperties properties, String token) {
        TokengateConfig config = new ConfigLoader(properties, getClass().getClassLoader()).load();
        TokengateRuntime runtime = PipelineAssembly.assemble(config, clock);
        runtimes.add(runtime);
        return runtime.validator().validate(token);
    }

    String active(String extra) {
        return "{\"active\":true,\"sub\":\"user-1\",\"iss\":\"" + Tokens.ISSUER + "\",\"exp\":" + (now + 600) + extra + "}";
    }

    /** Keycloak's lightweight access token: signed, but without audience, scopes or roles. */
    String lightweight() {
        return Tokens.valid(KEY).claim("aud", null).claim("scope", null).signWith(KEY);
    }

    @Test
    void anActiveJwtIsAcceptedWithItsOwnClaims() {
        String token = Tokens.valid(KEY).signWith(KEY);
        issuer.introspects(token, active(",\"aud\":\"" + Tokens.AUDIENCE + "\""));
        Authentication outcome = validate(introspecting("always"), token);
        assertThat(outcome).isInstanceOf(Authentication.Authenticated.class);
        assertThat(((Authentication.Authenticated) outcome).token().getSubject()).isEqualTo("user-1");
        assertThat(issuer.introspectionCalls()).isEqualTo(1);
    }

    @Test
    void aRevokedJwtIsRefusedAlthoughItsSignatureAndTimesAreGood() {
        String token = Tokens.valid(KEY).signWith(KEY); // the issuer does not know it: {"active":false}
        assertThat(validate(introspecting("always"), token))
                .isEqualTo(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE));
    }

    @Test
    void aForgedJwtNeverReachesTheIssuer() {
        String forged = Tokens.valid(KEY).signWith(TestKeys.rsa("key-1"));
        assertThat(validate(introspecting("always"), forged))
                .isEqualTo(new Authentication.Rejected(RejectionReason.BAD_SIGNATURE));
        assertThat(issuer.introspectionCalls()).isZero();
    }

    @Test
    void anExpiredJwtNeverReachesTheIssuer() {
        String expired = Tokens.valid(KEY).claim("iat", now - 7200).claim("exp", now - 3600).signWith(KEY);
        assertThat(validate(introspecting("always"), expired))
                .isEqualTo(new Authentication.Rejected(RejectionReason.EXPIRED));
        assertThat(issuer.introspectionCalls()).isZero();
    }

    @Test
    void aJwtForAnotherAudienceNeverReachesTheIssuer() {
        String elsewhere = Tokens.valid(KEY).claim("aud", "https://another-api.example.test").signWith(KEY);
        assertThat(validate(introspecting("always"), elsewhere))
                .isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_AUDIENCE));
        assertThat(issuer.introspectionCalls()).isZero();
    }

    @Test
    void aLightweightTokenGetsItsAudienceScopesAndRolesFromTheAnswer() {
        String token = lightweight();
        issuer.introspects(token, active(",\"aud\":[\"" + Tokens.AUDIENCE + "\"],\"scope\":\"read:patients\","
                + "\"groups\":[\"nurse\"]"));
        Authentication outcome = validate(introspecting("when-lightweight"), token);
        assertThat(outcome).isInstanceOf(Authentication.Authenticated.class);
        VerifiedToken caller = ((Authentication.Authenticated) outcome).token();
        assertThat(caller.getScopes().values()).containsExactly("read:patients");
        assertThat(caller.getRoles()).containsExactly("nurse");
        assertThat(caller.getAudience()).containsExactly(Tokens.AUDIENCE);
        assertThat(caller.getRawToken()).isEqualTo(token);
    }

    @Test
    void aLightweightTokenWhoseAnswerNamesNoAudienceIsRefused() {
        String token = lightweight();
        issuer.introspects(token, active(""));
        assertThat(validate(introspecting("when-lightweight"), token))
                .isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_AUDIENCE));
    }

    @Test
    void whatTheIssuerSignedWinsOverWhatItSays() {
        String token = Tokens.valid(KEY).claim("sub", "signed-subject").signWith(KEY);
        issuer.introspects(token, active(",\"aud\":\"" + Tokens.AUDIENCE + "\",\"email\":\"a@example.test\"")
                .replace("user-1", "answered-subject"));
        VerifiedToken caller = ((Authentication.Authenticated) validate(introspecting("always"), token)).token();
        assertThat(caller.getSubject()).isEqualTo("signed-subject");
        assertThat((String) caller.getClaim("email")).isEqualTo("a@example.test");
        assertThat(caller.getClaimNames()).doesNotContain("active");
    }

    @Test
    void whenLightweightAJwtWithAnAudienceStaysLocal() {
        assertThat(validate(introspecting("when-lightweight"), Tokens.valid(KEY).signWith(KEY)))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(issuer.introspectionCalls()).isZero();
    }

    @Test
    void neverIsTheDefaultAndLeavesALightweightTokenWithoutAnAudienceRefused() {
        MapProperties properties = introspecting("never");
        assertThat(validate(properties, Tokens.valid(KEY).signWith(KEY))).isInstanceOf(Authentication.Authenticated.class);
        assertThat(validate(properties, lightweight())).isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_AUDIENCE));
        assertThat(issuer.introspectionCalls()).isZero();
        TokengateConfig defaults = new ConfigLoader(MapProperties.of(PropertyNames.ISSUER, Tokens.ISSUER,
                PropertyNames.AUDIENCES, Tokens.AUDIENCE, PropertyNames.PUBLIC_KEY, TestKeys.jwks(KEY)),
                getClass().getClassLoader()).load();
        assertThat(defaults.issuerQueries().jwtIntrospection())
                .isEqualTo(TokengateConfig.IssuerQuerySettings.JwtIntrospection.NEVER);
    }

    @Test
    void anUnreachableIssuerIs503NotARefusal() {
        issuer.failWith(503);
        assertThat(validate(introspecting("always"), Tokens.valid(KEY).signWith(KEY)))
                .isInstanceOf(Authentication.Unavailable.class);
    }

    @Test
    void theAnswerIsCachedSoARepeatCostsNoCall() {
        String token = Tokens.valid(KEY).signWith(KEY);
        issuer.introspects(token, active(",\"aud\":\"" + Tokens.AUDIENCE + "\""));
        TokengateConfig config = new ConfigLoader(introspecting("always"), getClass().getClassLoader()).load();
        TokengateRuntime runtime = PipelineAssembly.assemble(config, clock);
        runtimes.add(runtime);
        for (int i = 0; i < 5; i++) {
            assertThat(runtime.validator().validate(token)).isInstanceOf(Authentication.Authenticated.class);
        }
        assertThat(issuer.introspectionCalls()).isEqualTo(1);
        // past the TTL (60 s by default) the issuer is asked again: the TTL is how late a revocation is noticed
        clock.advance(Duration.ofSeconds(61));
        issuer.introspects(token, "{\"active\":false}");
        assertThat(runtime.validator().validate(token))
                .isEqualTo(new Authentication.Rejected(RejectionReason.TOKEN_NOT_ACTIVE));
    }

    @Test
    void anUnknownModeFailsDeploymentNamingTheProperty() {
        assertThatThrownBy(() -> new ConfigLoader(introspecting("sometimes"), getClass().getClassLoader()).load())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(PropertyNames.JWT_INTROSPECT);
    }

    @Test
    void introspectingJwtsNeedsTheApisClientCredentials() {
        MapProperties withoutSecret = MapProperties.of(
                PropertyNames.ISSUER, Tokens.ISSUER, PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY, TestKeys.jwks(KEY), PropertyNames.JWT_INTROSPECT, "always",
                PropertyNames.INTROSPECTION_ENDPOINT, issuer.introspectionEndpoint().toString(),
                PropertyNames.INTROSPECTION_CLIENT_ID, OpaqueIssuer.CLIENT_ID);
        assertThatThrownBy(() -> new ConfigLoader(withoutSecret, getClass().getClassLoader()).load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(PropertyNames.INTROSPECTION_CLIENT_SECRET);
    }

    @Test
    void opaqueTokensAreStillRefusedWhereOnlyJwtsAreIntrospected() {
        assertThat(validate(introspecting("always"), "an-opaque-token"))
                .isInstanceOf(Authentication.Rejected.class);
        assertThat(issuer.introspectionCalls()).isZero();
    }
}
