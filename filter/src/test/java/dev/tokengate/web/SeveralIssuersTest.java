package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tokengate.issuers}: a JWT is routed by its {@code iss} to exactly one issuer's validator, which checks it with
 * that issuer's keys and rules only. The default issuer's keys come from one JWKS server, the partner's from another.
 */
class SeveralIssuersTest {
    static final TestKeys DEFAULT_KEY = TestKeys.rsa("default-key");
    static final TestKeys PARTNER_KEY = TestKeys.rsa("partner-key");
    static final String PARTNER = "https://partner.example.test/";
    static final String PARTNER_AUDIENCE = "https://partner-api.example.test";

    static JwksServer defaultJwks;
    static JwksServer partnerJwks;
    static TokengateRuntime runtime;

    static MapProperties properties() {
        return MapProperties.of(
                PropertyNames.ISSUER, Tokens.ISSUER,
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, defaultJwks.jwksUri().toString(),
                PropertyNames.ISSUERS, "partner",
                "tokengate.issuer.partner.issuer", PARTNER,
                "tokengate.issuer.partner.audiences", PARTNER_AUDIENCE,
                "tokengate.issuer.partner.publickey.location", partnerJwks.jwksUri().toString(),
                "tokengate.issuer.partner.scope-claims", "scp");
    }

    @BeforeAll
    static void start() {
        defaultJwks = new JwksServer().serve(DEFAULT_KEY);
        partnerJwks = new JwksServer().serve(PARTNER_KEY);
        runtime = PipelineAssembly.assemble(
                new ConfigLoader(properties(), SeveralIssuersTest.class.getClassLoader()).load(), Clock.systemUTC());
        // Each validator prefetches its JWKS in the background; one token each waits for both key sets, so the
        // tests that count JWKS requests see only what they cause.
        assertThat(validate(Tokens.valid(DEFAULT_KEY).claim("sub", "warm-up").signWith(DEFAULT_KEY)))
                .isInstanceOf(Authentication.Authenticated.class);
        assertThat(validate(partnerToken().claim("sub", "warm-up").signWith(PARTNER_KEY)))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        defaultJwks.close();
        partnerJwks.close();
    }

    static Authentication validate(String token) {
        return runtime.validator().validate(token);
    }

    static Tokens partnerToken() {
        return Tokens.valid(PARTNER_KEY).claim("iss", PARTNER).claim("aud", PARTNER_AUDIENCE)
                .claim("scope", null).claim("scp", List.of("read:partner"));
    }

    @Test
    void theDefaultIssuersTokenIsAcceptedAndSaysSo() {
        Authentication outcome = validate(Tokens.valid(DEFAULT_KEY).signWith(DEFAULT_KEY));
        assertThat(outcome).isInstanceOfSatisfying(Authentication.Authenticated.class, accepted ->
                assertThat(accepted.token().getIssuerName()).isEqualTo("default"));
    }

    @Test
    void aNamedIssuersTokenIsAcceptedWithItsOwnScopeClaims() {
        Authentication outcome = validate(partnerToken().signWith(PARTNER_KEY));
        assertThat(outcome).isInstanceOfSatisfying(Authentication.Authenticated.class, accepted -> {
            assertThat(accepted.token().getIssuerName()).isEqualTo("partner");
            assertThat(accepted.token().getScopes().values()).containsExactly("read:partner");
        });
    }

    @Test
    void aCachedTokenStillSaysWhichIssuerAcceptedIt() {
        String token = partnerToken().signWith(PARTNER_KEY);
        validate(token);
        assertThat(validate(token)).isInstanceOfSatisfying(Authentication.Authenticated.class, accepted ->
                assertThat(accepted.token().getIssuerName()).isEqualTo("partner"));
    }

    @Test
    void anUnknownIssuerIsRefusedWithoutAnyKeyFetch() {
        int before = defaultJwks.jwksRequests() + partnerJwks.jwksRequests();
        assertThat(validate(Tokens.valid(DEFAULT_KEY).claim("iss", "https://stranger.example.test/")
                .header("kid", "never-seen").signWith(DEFAULT_KEY)))
                .isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_ISSUER));
        assertThat(defaultJwks.jwksRequests() + partnerJwks.jwksRequests()).isEqualTo(before);
    }

    @Test
    void anIssuerThatOnlyLooksLikeATrustedOneIsUnknown() {
        for (String lookalike : List.of("https://partner.example.test", "https://PARTNER.example.test/",
                "https://partner.example.test/ ", "https://partner.example.test//")) {
            assertThat(validate(partnerToken().claim("iss", lookalike).signWith(PARTNER_KEY))).as(lookalike)
                    .isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_ISSUER));
        }
    }

    @Test
    void anIssuerThatIsNoStringIsUnknown() {
        assertThat(validate(partnerToken().claim("iss", List.of(PARTNER)).signWith(PARTNER_KEY)))
                .isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_ISSUER));
    }

    @Test
    void aTokenNamingOneIssuerButSignedWithTheOthersKeyIsRefused() {
        String forged = partnerToken().header("kid", DEFAULT_KEY.kid()).signWith(DEFAULT_KEY);
        assertThat(validate(forged)).isEqualTo(new Authentication.Rejected(RejectionReason.UNKNOWN_KEY));
        String otherWay = Tokens.valid(PARTNER_KEY).header("kid", PARTNER_KEY.kid()).signWith(PARTNER_KEY);
        assertThat(validate(otherWay)).isEqualTo(new Authentication.Rejected(RejectionReason.UNKNOWN_KEY));
    }

    @Test
    void eachIssuerChecksItsOwnAudience() {
        assertThat(validate(partnerToken().claim("aud", Tokens.AUDIENCE).signWith(PARTNER_KEY)))
                .isEqualTo(new Authentication.Rejected(RejectionReason.WRONG_AUDIENCE));
    }

    @Test
    void aFloodOfUnknownKeysAtOneIssuerLeavesTheOtherUntouched() {
        int defaultFetches = defaultJwks.jwksRequests();
        int partnerFetches = partnerJwks.jwksRequests();
        for (int i = 0; i < 200; i++) {
            validate(partnerToken().header("kid", "flood-" + i).signWith(PARTNER_KEY));
        }
        assertThat(partnerJwks.jwksRequests() - partnerFetches).as("the partner's unknown-kid limit").isLessThanOrEqualTo(1);
        assertThat(defaultJwks.jwksRequests()).isEqualTo(defaultFetches);
        assertThat(validate(Tokens.valid(DEFAULT_KEY).claim("sub", "after-the-flood").signWith(DEFAULT_KEY)))
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void aNamedIssuersMistakeNamesItsOwnProperty() {
        MapProperties missingAudience = properties().with("tokengate.issuer.partner.audiences", null);
        assertThatThrownBy(() -> new ConfigLoader(missingAudience, getClass().getClassLoader()).load())
                .isInstanceOfSatisfying(ConfigurationException.class, e ->
                        assertThat(e.property()).isEqualTo("tokengate.issuer.partner.audiences"));
    }

    @Test
    void anIssuerUrlTrustedTwiceFailsTheDeployment() {
        MapProperties twice = properties().with("tokengate.issuer.partner.issuer", Tokens.ISSUER);
        assertThatThrownBy(() -> new ConfigLoader(twice, getClass().getClassLoader()).load())
                .isInstanceOfSatisfying(ConfigurationException.class, e ->
                        assertThat(e.property()).isEqualTo("tokengate.issuer.partner.issuer"));
    }

    @Test
    void anIssuerNameMustBeFitForPropertyAndVariableNames() {
        for (String bad : List.of("Partner", "par.tner", "default", "par_tner", "-partner")) {
            MapProperties named = properties().with(PropertyNames.ISSUERS, bad);
            assertThatThrownBy(() -> new ConfigLoader(named, getClass().getClassLoader()).load()).as(bad)
                    .isInstanceOfSatisfying(ConfigurationException.class, e ->
                            assertThat(e.property()).isEqualTo(PropertyNames.ISSUERS));
        }
    }
}
