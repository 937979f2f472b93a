package dev.tokengate.internal.config;

import dev.tokengate.testing.MapProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    static final MapProperties MINIMAL = MapProperties.of(
            PropertyNames.ISSUER, "https://issuer.example.test/",
            PropertyNames.AUDIENCES, "api");

    static TokengateConfig load(MapProperties properties) {
        return new ConfigLoader(properties, ConfigLoaderTest.class.getClassLoader()).load();
    }

    static void assertFailsNaming(MapProperties properties, String property) {
        assertThatThrownBy(() -> load(properties)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.getMessage()).startsWith("tokengate: " + property + " ");
        });
    }

    @Test
    void defaults() {
        TokengateConfig config = load(MINIMAL);
        assertThat(config.realm()).isEqualTo("api");
        assertThat(config.jwt().algorithms()).containsExactly("RS256");
        assertThat(config.jwt().clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.jwt().maxTokenAge()).isEmpty();
        assertThat(config.jwt().maxLifetime()).isEmpty();
        assertThat(config.jwt().requireAtJwtType()).isFalse();
        assertThat(config.jwt().keySource()).isEqualTo(new KeySource.Discovery(
                URI.create("https://issuer.example.test/.well-known/openid-configuration")));
        assertThat(config.tokenLocations().headerName()).isEqualTo("Authorization");
        assertThat(config.tokenLocations().cookieName()).isEqualTo("Bearer");
        assertThat(config.tokenLocations().maxTokenLength()).isEqualTo(8192);
        assertThat(config.tokenLocations().formParameter()).isFalse();
        assertThat(config.tokenLocations().queryParameter()).isFalse();
        assertThat(config.filter().autoRegister()).isTrue();
        assertThat(config.filter().urlPatterns()).containsExactly("/*");
        assertThat(config.filter().protectedPaths()).isEmpty();
        assertThat(config.jwks().refreshInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.jwks().unknownKidInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.http().readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.scopeClaims().claimNames()).containsExactly("scope", "scp", "permissions");
        assertThat(config.monitoring()).isEqualTo(new TokengateConfig.MonitoringSettings(true, true, Duration.ofSeconds(60)));
    }

    @Test
    void aMissingIssuerFailsNamingIt() {
        assertFailsNaming(MINIMAL.with(PropertyNames.ISSUER, null), PropertyNames.ISSUER);
    }

    @Test
    void aMissingAudienceFailsUnlessExplicitlySwitchedOff() {
        assertFailsNaming(MINIMAL.with(PropertyNames.AUDIENCES, null), PropertyNames.AUDIENCES);
        assertThat(load(MINIMAL.with(PropertyNames.AUDIENCES, null).with(PropertyNames.AUDIENCE_CHECK, "false"))
                .jwt().checksAudience()).isFalse();
        assertFailsNaming(MINIMAL.with(PropertyNames.AUDIENCE_CHECK, "false"), PropertyNames.AUDIENCE_CHECK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "RS1", "rs256", "HS256X"})
    void anUnknownAlgorithmFailsNamingIt(String alg) {
        assertFailsNaming(MINIMAL.with(PropertyNames.ALGORITHMS, alg), PropertyNames.ALGORITHMS);
        assertFailsNaming(MINIMAL.with(PropertyNames.PUBLIC_KEY_ALGORITHM, alg), PropertyNames.PUBLIC_KEY_ALGORITHM);
    }

    @Test
    void theMicroProfileAlgorithmIsTheAllowlistUnlessTokengateOverrides() {
        assertThat(load(MINIMAL.with(PropertyNames.PUBLIC_KEY_ALGORITHM, "ES256")).jwt().algorithms()).containsExactly("ES256");
        assertThat(load(MINIMAL.with(PropertyNames.PUBLIC_KEY_ALGORITHM, "ES256").with(PropertyNames.ALGORITHMS, "RS256, PS256"))
                .jwt().algorithms()).containsExactlyInAnyOrder("RS256", "PS256");
    }

    @Test
    void hmacNeedsAConfiguredSecretOfTheRightLength() {
        assertFailsNaming(MINIMAL.with(PropertyNames.ALGORITHMS, "HS256"), PropertyNames.SECRET);
        assertFailsNaming(MINIMAL.with(PropertyNames.ALGORITHMS, "HS512").with(PropertyNames.SECRET, "x".repeat(32)), PropertyNames.SECRET);
        TokengateConfig config = load(MINIMAL.with(PropertyNames.ALGORITHMS, "HS256").with(PropertyNames.SECRET, "x".repeat(32)));
        assertThat(config.jwt().keySource()).isEqualTo(new KeySource.SecretOnly());
        assertThat(config.jwt().toString()).doesNotContain("x".repeat(32));
    }

    @Test
    void plainHttpKeyLocationsOnlyForLoopbackOrWithTheOptIn() {
        assertFailsNaming(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, "http://issuer.example.test/jwks"), PropertyNames.PUBLIC_KEY_LOCATION);
        assertFailsNaming(MINIMAL.with(PropertyNames.ISSUER, "http://issuer.example.test"), PropertyNames.ISSUER);
        assertThat(load(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, "http://127.0.0.1:8080/jwks")).jwt().keySource())
                .isEqualTo(new KeySource.RemoteJwks(URI.create("http://127.0.0.1:8080/jwks")));
        assertThat(load(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, "http://issuer.example.test/jwks")
                .with(PropertyNames.ALLOW_INSECURE_HTTP, "true")).jwt().keySource()).isInstanceOf(KeySource.RemoteJwks.class);
    }

    @Test
    void readsKeysFromFilesAndTheClassPath() throws Exception {
        Path file = Files.createTempFile("key", ".pem");
        try {
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n");
            KeySource source = load(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, file.toUri().toString())).jwt().keySource();
            assertThat(source).isInstanceOfSatisfying(KeySource.Static.class, s -> assertThat(s.keyText()).contains("abc"));
        } finally {
            Files.delete(file);
        }
        KeySource classpath = load(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, "classpath:logging.properties")).jwt().keySource();
        assertThat(classpath).isInstanceOf(KeySource.Static.class);
        assertFailsNaming(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, "classpath:nope.pem"), PropertyNames.PUBLIC_KEY_LOCATION);
        assertFailsNaming(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, "file:/nonexistent/key.pem"), PropertyNames.PUBLIC_KEY_LOCATION);
        assertFailsNaming(MINIMAL.with(PropertyNames.PUBLIC_KEY_LOCATION, "classpath:a").with(PropertyNames.PUBLIC_KEY, "b"), PropertyNames.PUBLIC_KEY);
    }

    @Test
    void durationsTakeSecondsOrAUnit() {
        TokengateConfig config = load(MINIMAL.with(PropertyNames.CLOCK_SKEW, "30").with(PropertyNames.TOKEN_AGE, "2m")
                .with(PropertyNames.MAX_LIFETIME, "1h").with(PropertyNames.CONNECT_TIMEOUT, "250ms"));
        assertThat(config.jwt().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.jwt().maxTokenAge()).contains(Duration.ofMinutes(2));
        assertThat(config.jwt().maxLifetime()).contains(Duration.ofHours(1));
        assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertFailsNaming(MINIMAL.with(PropertyNames.CLOCK_SKEW, "-1"), PropertyNames.CLOCK_SKEW);
        assertFailsNaming(MINIMAL.with(PropertyNames.CLOCK_SKEW, "1 day"), PropertyNames.CLOCK_SKEW);
        assertThat(load(MINIMAL.with(PropertyNames.CLOCK_SKEW, "0")).jwt().clockSkew()).isZero();
        assertFailsNaming(MINIMAL.with(PropertyNames.JWKS_REFRESH, "0"), PropertyNames.JWKS_REFRESH);
        assertFailsNaming(MINIMAL.with(PropertyNames.READ_TIMEOUT, "0ms"), PropertyNames.READ_TIMEOUT);
    }

    @Test
    void rejectsBadValuesNamingTheProperty() {
        assertFailsNaming(MINIMAL.with(PropertyNames.FORM_PARAMETER, "yes"), PropertyNames.FORM_PARAMETER);
        assertFailsNaming(MINIMAL.with(PropertyNames.MAX_TOKEN_LENGTH, "0"), PropertyNames.MAX_TOKEN_LENGTH);
        assertFailsNaming(MINIMAL.with(PropertyNames.REALM, "a\"b"), PropertyNames.REALM);
        assertFailsNaming(MINIMAL.with(PropertyNames.PROTECTED_PATHS, "/a/*/b"), PropertyNames.PROTECTED_PATHS);
        assertFailsNaming(MINIMAL.with(PropertyNames.TOKEN_HEADER, "X Token"), PropertyNames.TOKEN_HEADER);
    }

    @Test
    void protectedPathsMustLieWhereTheFilterIsMapped() {
        assertFailsNaming(MINIMAL.with(PropertyNames.URL_PATTERNS, "/api/*").with(PropertyNames.PROTECTED_PATHS, "/servlet/*"),
                PropertyNames.PROTECTED_PATHS);
        assertFailsNaming(MINIMAL.with(PropertyNames.URL_PATTERNS, "/api/*").with(PropertyNames.PROTECTED_PATHS, "/apix"),
                PropertyNames.PROTECTED_PATHS);
        assertThat(load(MINIMAL.with(PropertyNames.URL_PATTERNS, "/api/*, /servlet/*")
                .with(PropertyNames.PROTECTED_PATHS, "/api/admin/*, /servlet/whoami, /api")).filter().protectedPaths()).hasSize(3);
        assertThat(ConfigLoader.covers("/*", "*.jsp")).isTrue();
        assertThat(ConfigLoader.covers("/api/*", "*.jsp")).isFalse();
    }

    @Test
    void listsAreCommaSeparated() {
        TokengateConfig config = load(MINIMAL.with(PropertyNames.AUDIENCES, "a, b,,c").with(PropertyNames.PROTECTED_PATHS, "/servlet/*, *.jsp")
                .with(PropertyNames.SCOPE_CLAIMS, "scp"));
        assertThat(config.jwt().audiences()).isEqualTo(Set.of("a", "b", "c"));
        assertThat(config.filter().protectedPaths()).containsExactly("/servlet/*", "*.jsp");
        assertThat(config.scopeClaims().claimNames()).containsExactly("scp");
    }

    @Test
    void theFallbackSourceReadsSystemPropertiesThenEnvironmentThenTheApplicationFile() {
        Properties system = new Properties();
        system.setProperty("mp.jwt.verify.issuer", "from-system");
        Properties file = new Properties();
        file.setProperty("mp.jwt.verify.issuer", "from-file");
        file.setProperty("mp.jwt.verify.audiences", "from-file");
        file.setProperty("tokengate.realm", "from-file");
        FallbackPropertySource source = new FallbackPropertySource(system,
                Map.of("MP_JWT_VERIFY_AUDIENCES", "from-env", "tokengate_realm", " "), file);
        assertThat(source.get("mp.jwt.verify.issuer")).contains("from-system");
        assertThat(source.get("mp.jwt.verify.audiences")).contains("from-env");
        assertThat(source.get("tokengate.realm")).isEqualTo(Optional.empty());
        assertThat(source.get("tokengate.nothing")).isEmpty();
    }

    @Test
    void usesMicroProfileConfigOnlyWhereTheServerHasIt() {
        // No MicroProfile Config implementation is on the test class path: the fallback takes over.
        assertThat(PropertySources.forApplication(getClass().getClassLoader())).isInstanceOf(FallbackPropertySource.class);
        assertThat(List.of(LoopbackHosts.isLoopback("127.0.0.1"), LoopbackHosts.isLoopback("[::1]"), LoopbackHosts.isLoopback("LOCALHOST"),
                LoopbackHosts.isLoopback("127.evil.example"), LoopbackHosts.isLoopback("10.0.0.1")))
                .containsExactly(true, true, true, false, false);
    }

    @Test
    void roleClaimsMapAndScopeInclusionAreRead() {
        TokengateConfig config = load(MINIMAL.with(PropertyNames.ROLE_CLAIMS, "realm_access.roles, /https:~1~1example.com~1roles")
                .with(PropertyNames.ROLE_MAP, "readers=reader, ops=admin, ops=reader")
                .with(PropertyNames.ROLES_INCLUDE_SCOPES, "true"));
        assertThat(config.roleClaims().paths()).extracting(Object::toString)
                .containsExactly("realm_access.roles", "/https:~1~1example.com~1roles");
        assertThat(config.roleClaims().mapping()).containsEntry("readers", java.util.Set.of("reader"))
                .containsEntry("ops", java.util.Set.of("admin", "reader"));
        assertThat(config.roleClaims().includeScopes()).isTrue();
    }

    @Test
    void theDefaultRolesAreTheGroupsWithoutTheScopes() {
        assertThat(load(MINIMAL).roleClaims()).isEqualTo(dev.tokengate.internal.claims.RoleClaims.DEFAULT);
        assertThat(load(MINIMAL).roleClaims().includeScopes()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"https://example.com/roles", "a..b", "/a~2"})
    void anAmbiguousRoleClaimPathFailsNamingTheProperty(String path) {
        assertFailsNaming(MINIMAL.with(PropertyNames.ROLE_CLAIMS, path), PropertyNames.ROLE_CLAIMS);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"reader", "=reader", "group="})
    void aRoleMapEntryWithoutBothSidesFailsNamingTheProperty(String entry) {
        assertFailsNaming(MINIMAL.with(PropertyNames.ROLE_MAP, entry), PropertyNames.ROLE_MAP);
    }

    @Test
    void containerAuthenticationIsOffUnlessSwitchedOn() {
        assertThat(load(MINIMAL).filter().containerAuthentication()).isFalse();
        assertThat(load(MINIMAL.with(PropertyNames.CONTAINER_AUTHENTICATION, "true")).filter().containerAuthentication())
                .isTrue();
    }

    @Test
    void protectedPathsDemandNoParticularLoginByDefault() {
        assertThat(load(MINIMAL.with(PropertyNames.PROTECTED_PATHS, "/a/*")).filter().protectedPathsStepUp()
                .demandsAnything()).isFalse();
    }

    @Test
    void protectedPathsCanDemandAnAcrAndAMaximumLoginAge() {
        var stepUp = load(MINIMAL.with(PropertyNames.PROTECTED_PATHS, "/a/*")
                .with(PropertyNames.PROTECTED_PATHS_ACR_VALUES, "phr, phrh")
                .with(PropertyNames.PROTECTED_PATHS_MAX_AGE, "5m")).filter().protectedPathsStepUp();
        assertThat(stepUp.acrValues()).containsExactlyInAnyOrder("phr", "phrh");
        assertThat(stepUp.maxAge()).contains(java.time.Duration.ofMinutes(5));
    }

    @Test
    void aStepUpDemandWithoutProtectedPathsFailsNamingIt() {
        assertFailsNaming(MINIMAL.with(PropertyNames.PROTECTED_PATHS_ACR_VALUES, "phr"),
                PropertyNames.PROTECTED_PATHS_ACR_VALUES);
        assertFailsNaming(MINIMAL.with(PropertyNames.PROTECTED_PATHS_MAX_AGE, "300"),
                PropertyNames.PROTECTED_PATHS_MAX_AGE);
    }

    @Test
    void anAcrValueThatCannotBeSentInAChallengeFailsNamingTheProperty() {
        assertFailsNaming(MINIMAL.with(PropertyNames.PROTECTED_PATHS, "/a/*")
                .with(PropertyNames.PROTECTED_PATHS_ACR_VALUES, "a\"b"), PropertyNames.PROTECTED_PATHS_ACR_VALUES);
    }

    @Test
    void dpopIsDisabledByDefaultWithTheAsymmetricAlgorithmsReady() {
        TokengateConfig.DPoPSettings dpop = load(MINIMAL).dpop();
        assertThat(dpop.policy()).isEqualTo(TokengateConfig.DPoPSettings.Policy.DISABLED);
        assertThat(dpop.algorithms()).containsExactly("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256",
                "RS384", "RS512", "EdDSA");
        assertThat(dpop.nonces()).isFalse();
    }

    @Test
    void anUnknownDpopPolicyFailsNamingIt() {
        assertFailsNaming(MINIMAL.with(PropertyNames.DPOP_POLICY, "optional"), PropertyNames.DPOP_POLICY);
    }

    @Test
    void anHmacDpopAlgorithmFailsNamingIt() {
        assertFailsNaming(MINIMAL.with(PropertyNames.DPOP_ALGORITHMS, "ES256,HS256"), PropertyNames.DPOP_ALGORITHMS);
        assertFailsNaming(MINIMAL.with(PropertyNames.DPOP_ALGORITHMS, "none"), PropertyNames.DPOP_ALGORITHMS);
    }

    @Test
    void aCertificateHeaderWithoutTrustedProxiesFailsNamingThem() {
        assertFailsNaming(MINIMAL.with(PropertyNames.CLIENT_CERTIFICATE_HEADER, "X-Client-Cert"),
                PropertyNames.CLIENT_CERTIFICATE_TRUSTED_PROXIES);
    }

    @Test
    void trustedProxiesWithoutACertificateHeaderFailNamingIt() {
        assertFailsNaming(MINIMAL.with(PropertyNames.CLIENT_CERTIFICATE_TRUSTED_PROXIES, "10.0.0.1"),
                PropertyNames.CLIENT_CERTIFICATE_HEADER);
    }

    @Test
    void aProxyHostNameFailsNamingTheProperty() {
        assertFailsNaming(MINIMAL.with(PropertyNames.CLIENT_CERTIFICATE_HEADER, "X-Client-Cert")
                .with(PropertyNames.CLIENT_CERTIFICATE_TRUSTED_PROXIES, "proxy.internal"),
                PropertyNames.CLIENT_CERTIFICATE_TRUSTED_PROXIES);
    }

    @Test
    void theOperatorsViewsCanBeSwitchedOffAndTheThresholdSet() {
        TokengateConfig config = load(MINIMAL.with(PropertyNames.JMX, "false").with(PropertyNames.METRICS, "false")
                .with(PropertyNames.HEALTH_FAILURE_THRESHOLD, "2m"));
        assertThat(config.monitoring()).isEqualTo(new TokengateConfig.MonitoringSettings(false, false, Duration.ofMinutes(2)));
    }

    @Test
    void aMetricsSwitchThatIsNoBooleanFailsNamingIt() {
        assertFailsNaming(MINIMAL.with(PropertyNames.METRICS, "perhaps"), PropertyNames.METRICS);
    }
}
