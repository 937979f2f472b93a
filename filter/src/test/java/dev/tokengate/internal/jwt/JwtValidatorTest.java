package dev.tokengate.internal.jwt;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tokengate.testing.Tokens.AUDIENCE;
import static dev.tokengate.testing.Tokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every JWT rule of the spec, with tokens signed by real keys and the validator the filter uses. */
class JwtValidatorTest {
    static final TestKeys RSA = TestKeys.rsa("rsa-1");
    static final TestKeys OTHER_RSA = TestKeys.rsa("rsa-1");
    static final long NOW = Instant.now().getEpochSecond();

    static MapProperties baseProperties(TestKeys keys) {
        return MapProperties.of(
                PropertyNames.ISSUER, ISSUER,
                PropertyNames.AUDIENCES, AUDIENCE,
                PropertyNames.PUBLIC_KEY, TestKeys.jwks(keys));
    }

    static JwtValidator validator(MapProperties properties) {
        TokengateConfig config = new ConfigLoader(properties, JwtValidatorTest.class.getClassLoader()).load();
        return JwtValidators.fromSettings(config,
                new IssuerHttpClient(config.http()), Clock.systemUTC());
    }

    static Authentication validate(String token) {
        return validator(baseProperties(RSA)).validate(token);
    }

    static void assertRejected(Authentication outcome, RejectionReason reason) {
        assertThat(outcome).isEqualTo(new Authentication.Rejected(reason));
    }

    static VerifiedToken assertAccepted(Authentication outcome) {
        assertThat(outcome).isInstanceOf(Authentication.Authenticated.class);
        return ((Authentication.Authenticated) outcome).token();
    }

    @Test
    void acceptsAValidAccessTokenAndExposesItsClaims() {
        String token = Tokens.valid(RSA).claim("groups", List.of("nurses")).claim("azp", "client-7").signWith(RSA);
        VerifiedToken verified = assertAccepted(validate(token));
        assertThat(verified.getRawToken()).isEqualTo(token);
        assertThat(verified.getSubject()).isEqualTo("user-1");
        assertThat(verified.getName()).isEqualTo("user-1");
        assertThat(verified.getIssuer()).isEqualTo(ISSUER);
        assertThat(verified.getAudience()).containsExactly(AUDIENCE);
        assertThat(verified.getGroups()).containsExactly("nurses");
        assertThat(verified.getScopes().values()).containsExactlyInAnyOrder("read:patients", "write:patients");
        assertThat(verified.getExpirationTime()).isGreaterThan(NOW);
        assertThat((String) verified.getClaim("azp")).isEqualTo("client-7");
        assertThat(verified.toString()).doesNotContain(token);
    }

    @Nested
    class Algorithms {
        @Test
        void refusesAlgNoneWhateverTheHeaderSays() {
            assertRejected(validate(Tokens.valid(RSA).header("alg", "none").unsigned()), RejectionReason.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void refusesAnAlgorithmOffTheAllowlist() {
            TestKeys rs512 = TestKeys.rsa("rsa-1", 2048, "RS512");
            JwtValidator validator = validator(baseProperties(rs512));
            assertRejected(validator.validate(Tokens.valid(rs512).signWith(rs512)), RejectionReason.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void refusesHmacSignedWithThePublicKey() {
            // The classic key-confusion attack: HS256 with the RSA public key bytes as the secret.
            byte[] publicKeyBytes = RSA.publicPem().getBytes(StandardCharsets.UTF_8);
            String forged = Tokens.valid(RSA).header("alg", "HS256").signWith(new SecretKeySpec(publicKeyBytes, "HmacSHA256"));
            assertRejected(validate(forged), RejectionReason.UNSUPPORTED_ALGORITHM);

            JwtValidator hmacAllowed = validator(baseProperties(RSA)
                    .with(PropertyNames.ALGORITHMS, "RS256,HS256")
                    .with(PropertyNames.SECRET, "a-configured-secret-of-32-bytes!!"));
            assertRejected(hmacAllowed.validate(forged), RejectionReason.BAD_SIGNATURE);
        }

        @Test
        void acceptsHmacOnlyWithTheConfiguredSecret() {
            String secret = "a-configured-secret-of-32-bytes!!";
            JwtValidator validator = validator(MapProperties.of(PropertyNames.ISSUER, ISSUER, PropertyNames.AUDIENCES, AUDIENCE,
                    PropertyNames.ALGORITHMS, "HS256", PropertyNames.SECRET, secret));
            String token = Tokens.valid(RSA).header("alg", "HS256").header("kid", null)
                    .signWith(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertAccepted(validator.validate(token));
        }

        @ParameterizedTest
        @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
        void verifiesEveryRsaAlgorithmWhenAllowed(String alg) {
            TestKeys keys = TestKeys.rsa("k", 2048, alg);
            JwtValidator validator = validator(baseProperties(keys).with(PropertyNames.ALGORITHMS, alg));
            assertAccepted(validator.validate(Tokens.valid(keys).signWith(keys)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ES256:secp256r1", "ES384:secp384r1", "ES512:secp521r1"})
        void verifiesEveryEcdsaAlgorithmWhenAllowed(String algAndCurve) {
            String[] parts = algAndCurve.split(":");
            TestKeys keys = TestKeys.ec("ec", parts[1], parts[0]);
            JwtValidator validator = validator(baseProperties(keys).with(PropertyNames.ALGORITHMS, parts[0]));
            assertAccepted(validator.validate(Tokens.valid(keys).signWith(keys)));
        }

        @Test
        void refusesAnEcKeyOfTheWrongCurveForTheAlgorithm() {
            TestKeys p384 = TestKeys.ec("ec", "secp384r1", "ES256");
            JwtValidator validator = validator(baseProperties(p384).with(PropertyNames.ALGORITHMS, "ES256"));
            assertRejected(validator.validate(Tokens.valid(p384).header("alg", "ES256").signWith(TestKeys.ec("x", "secp256r1", "ES256"))),
                    RejectionReason.UNKNOWN_KEY);
        }

        @Test
        void verifiesEdDsaWhenAllowed() {
            TestKeys keys = TestKeys.ed25519("ed");
            JwtValidator validator = validator(baseProperties(keys).with(PropertyNames.ALGORITHMS, "EdDSA"));
            assertAccepted(validator.validate(Tokens.valid(keys).signWith(keys)));
        }

        @Test
        void aConfiguredRsaKeyUnder2048BitsFailsTheConfiguration() {
            TestKeys weak = TestKeys.rsa("weak", 1024, "RS256");
            assertThatThrownBy(() -> validator(baseProperties(weak)))
                    .isInstanceOf(dev.tokengate.internal.config.ConfigurationException.class)
                    .hasMessageContaining(PropertyNames.PUBLIC_KEY)
                    .hasMessageContaining("1024 bits");
        }
    }

    @Nested
    class Keys {
        @Test
        void refusesASignatureByAnotherKey() {
            assertRejected(validate(Tokens.valid(RSA).signWith(OTHER_RSA)), RejectionReason.BAD_SIGNATURE);
        }

        @Test
        void refusesAnUnknownKid() {
            assertRejected(validate(Tokens.valid(RSA).header("kid", "rotated-away").signWith(RSA)), RejectionReason.UNKNOWN_KEY);
        }

        @Test
        void selectsTheKeyByKidAmongSeveral() {
            TestKeys second = TestKeys.rsa("rsa-2");
            JwtValidator validator = validator(MapProperties.of(PropertyNames.ISSUER, ISSUER, PropertyNames.AUDIENCES, AUDIENCE,
                    PropertyNames.PUBLIC_KEY, TestKeys.jwks(RSA, second)));
            assertAccepted(validator.validate(Tokens.valid(second).signWith(second)));
            assertAccepted(validator.validate(Tokens.valid(RSA).signWith(RSA)));
            assertAccepted(validator.validate(Tokens.valid(second).header("kid", null).signWith(second)));
        }

        @Test
        void acceptsAPemKeyWhateverTheTokenKid() {
            JwtValidator validator = validator(baseProperties(RSA).with(PropertyNames.PUBLIC_KEY, RSA.publicPem()));
            assertAccepted(validator.validate(Tokens.valid(RSA).header("kid", "anything").signWith(RSA)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"jwk", "x5c", "jku", "x5u"})
        void neverTakesAKeyFromTheTokenHeader(String parameter) {
            TestKeys attacker = TestKeys.rsa("rsa-1");
            Object value = switch (parameter) {
                case "jwk" -> attacker.publicJwk();
                case "x5c" -> List.of(Tokens.b64(attacker.pair().getPublic().getEncoded()));
                default -> "https://attacker.example.test/keys";
            };
            String forged = Tokens.valid(attacker).header(parameter, value).signWith(attacker);
            assertRejected(validate(forged), RejectionReason.BAD_SIGNATURE);
        }

        @Test
        void ignoresJwksKeysMeantForEncryption() {
            Map<String, Object> jwk = RSA.publicJwk();
            jwk.put("use", "enc");
            String jwks = org.jose4j.json.JsonUtil.toJson(Map.of("keys", List.of(jwk)));
            JwtValidator validator = validator(baseProperties(RSA).with(PropertyNames.PUBLIC_KEY, jwks));
            assertRejected(validator.validate(Tokens.valid(RSA).signWith(RSA)), RejectionReason.UNKNOWN_KEY);
        }
    }

    @Nested
    class Header {
        @ParameterizedTest
        @ValueSource(strings = {"JWT", "at+jwt", "application/at+jwt", "AT+JWT"})
        void acceptsAccessTokenTypesByDefault(String typ) {
            assertAccepted(validate(Tokens.valid(RSA).header("typ", typ).signWith(RSA)));
        }

        @Test
        void acceptsAMissingTypByDefault() {
            assertAccepted(validate(Tokens.valid(RSA).header("typ", null).signWith(RSA)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"dpop+jwt", "logout+jwt", "id_token", ""})
        void refusesOtherTypes(String typ) {
            assertRejected(validate(Tokens.valid(RSA).header("typ", typ).signWith(RSA)), RejectionReason.UNSUPPORTED_TYPE);
        }

        @Test
        void requiresAtJwtWhenConfigured() {
            JwtValidator strict = validator(baseProperties(RSA).with(PropertyNames.REQUIRE_AT_JWT, "true"));
            assertAccepted(strict.validate(Tokens.valid(RSA).signWith(RSA)));
            assertRejected(strict.validate(Tokens.valid(RSA).header("typ", "JWT").signWith(RSA)), RejectionReason.UNSUPPORTED_TYPE);
            assertRejected(strict.validate(Tokens.valid(RSA).header("typ", null).signWith(RSA)), RejectionReason.UNSUPPORTED_TYPE);
        }

        @Test
        void refusesUnknownOrMalformedCriticalHeaders() {
            assertRejected(validate(Tokens.valid(RSA).header("crit", List.of("exp")).header("exp", 1).signWith(RSA)),
                    RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
            assertRejected(validate(Tokens.valid(RSA).header("crit", List.of()).signWith(RSA)),
                    RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
            assertRejected(validate(Tokens.valid(RSA).header("crit", "b64").header("b64", true).signWith(RSA)),
                    RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
            assertRejected(validate(Tokens.valid(RSA).header("crit", List.of("b64")).signWith(RSA)),
                    RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
            assertRejected(validate(Tokens.valid(RSA).header("crit", List.of("alg")).signWith(RSA)),
                    RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
            assertRejected(validate(Tokens.valid(RSA).header("crit", List.of("b64")).header("b64", false).signWith(RSA)),
                    RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
        }

        @Test
        void acceptsTheOneUnderstoodCriticalExtension() {
            assertAccepted(validate(Tokens.valid(RSA).header("crit", List.of("b64")).header("b64", true).signWith(RSA)));
        }

        @Test
        void refusesNonStringHeaderParameters() {
            assertRejected(validate(Tokens.valid(RSA).header("kid", 7).signWith(RSA)), RejectionReason.MALFORMED_TOKEN);
            assertRejected(validate(Tokens.valid(RSA).header("alg", List.of("RS256")).signWith(RSA)), RejectionReason.MALFORMED_TOKEN);
        }
    }

    @Nested
    class Claims {
        @Test
        void refusesAWrongIssuer() {
            assertRejected(validate(Tokens.valid(RSA).claim("iss", "https://evil.example.test/").signWith(RSA)), RejectionReason.WRONG_ISSUER);
            assertRejected(validate(Tokens.valid(RSA).claim("iss", ISSUER.replace("/", "")).signWith(RSA)), RejectionReason.WRONG_ISSUER);
            assertRejected(validate(Tokens.valid(RSA).claim("iss", null).signWith(RSA)), RejectionReason.WRONG_ISSUER);
            assertRejected(validate(Tokens.valid(RSA).claim("iss", List.of(ISSUER)).signWith(RSA)), RejectionReason.WRONG_ISSUER);
        }

        @Test
        void acceptsAnAudienceArrayContainingTheConfiguredAudience() {
            assertAccepted(validate(Tokens.valid(RSA).claim("aud", List.of("https://issuer.example.test/userinfo", AUDIENCE)).signWith(RSA)));
        }

        @Test
        void acceptsAnyOfSeveralConfiguredAudiences() {
            JwtValidator validator = validator(baseProperties(RSA).with(PropertyNames.AUDIENCES, "other, " + AUDIENCE));
            assertAccepted(validator.validate(Tokens.valid(RSA).signWith(RSA)));
        }

        @Test
        void refusesAWrongOrMissingAudience() {
            assertRejected(validate(Tokens.valid(RSA).claim("aud", "https://other.example.test").signWith(RSA)), RejectionReason.WRONG_AUDIENCE);
            assertRejected(validate(Tokens.valid(RSA).claim("aud", List.of("a", "b")).signWith(RSA)), RejectionReason.WRONG_AUDIENCE);
            assertRejected(validate(Tokens.valid(RSA).claim("aud", null).signWith(RSA)), RejectionReason.WRONG_AUDIENCE);
            assertRejected(validate(Tokens.valid(RSA).claim("aud", AUDIENCE.toUpperCase()).signWith(RSA)), RejectionReason.WRONG_AUDIENCE);
        }

        @Test
        void skipsTheAudienceCheckOnlyWhenSwitchedOff() {
            JwtValidator validator = validator(baseProperties(RSA).with(PropertyNames.AUDIENCES, null)
                    .with(PropertyNames.AUDIENCE_CHECK, "false"));
            assertAccepted(validator.validate(Tokens.valid(RSA).claim("aud", "anything").signWith(RSA)));
        }

        @Test
        void requiresExp() {
            assertRejected(validate(Tokens.valid(RSA).claim("exp", null).signWith(RSA)), RejectionReason.MISSING_EXPIRY);
        }

        @Test
        void refusesAnExpiredTokenAfterTheClockSkew() {
            assertRejected(validate(Tokens.valid(RSA).claim("exp", NOW - 61).signWith(RSA)), RejectionReason.EXPIRED);
            assertAccepted(validate(Tokens.valid(RSA).claim("exp", NOW - 30).signWith(RSA)));
            JwtValidator noSkew = validator(baseProperties(RSA).with(PropertyNames.CLOCK_SKEW, "0"));
            assertRejected(noSkew.validate(Tokens.valid(RSA).claim("exp", NOW - 1).signWith(RSA)), RejectionReason.EXPIRED);
        }

        @Test
        void refusesATokenNotYetValid() {
            assertRejected(validate(Tokens.valid(RSA).claim("nbf", NOW + 120).signWith(RSA)), RejectionReason.NOT_YET_VALID);
            assertAccepted(validate(Tokens.valid(RSA).claim("nbf", NOW + 30).signWith(RSA)));
        }

        @Test
        void refusesATokenIssuedInTheFuture() {
            assertRejected(validate(Tokens.valid(RSA).claim("iat", NOW + 120).signWith(RSA)), RejectionReason.ISSUED_IN_FUTURE);
        }

        @Test
        void enforcesTheMaximumTokenAge() {
            JwtValidator validator = validator(baseProperties(RSA).with(PropertyNames.TOKEN_AGE, "300"));
            assertAccepted(validator.validate(Tokens.valid(RSA).claim("iat", NOW - 200).signWith(RSA)));
            assertRejected(validator.validate(Tokens.valid(RSA).claim("iat", NOW - 400).signWith(RSA)), RejectionReason.TOO_OLD);
            assertRejected(validator.validate(Tokens.valid(RSA).claim("iat", null).signWith(RSA)), RejectionReason.MISSING_ISSUED_AT);
        }

        @Test
        void enforcesTheMaximumLifetime() {
            JwtValidator validator = validator(baseProperties(RSA).with(PropertyNames.MAX_LIFETIME, "1h"));
            assertAccepted(validator.validate(Tokens.valid(RSA).claim("iat", NOW).claim("exp", NOW + 3600).signWith(RSA)));
            assertRejected(validator.validate(Tokens.valid(RSA).claim("iat", NOW).claim("exp", NOW + 86400).signWith(RSA)),
                    RejectionReason.LIFETIME_TOO_LONG);
        }

        @Test
        void refusesTimeClaimsNoRealTokenCarries() {
            assertRejected(validate(Tokens.valid(RSA).claim("exp", String.valueOf(NOW + 300)).signWith(RSA)), RejectionReason.MALFORMED_CLAIMS);
            assertRejected(validate(Tokens.valid(RSA).claim("exp", true).signWith(RSA)), RejectionReason.MALFORMED_CLAIMS);
            assertRejected(validate(Tokens.valid(RSA).claim("exp", -5).signWith(RSA)), RejectionReason.MALFORMED_CLAIMS);
            assertRejected(validate(Tokens.valid(RSA).claim("exp", new java.math.BigInteger("99999999999999999999999")).signWith(RSA)),
                    RejectionReason.MALFORMED_CLAIMS);
            assertRejected(validate(Tokens.valid(RSA).claim("exp", 1e300).signWith(RSA)), RejectionReason.MALFORMED_CLAIMS);
            assertRejected(validate(Tokens.valid(RSA).claim("nbf", "soon").signWith(RSA)), RejectionReason.MALFORMED_CLAIMS);
            assertAccepted(validate(Tokens.valid(RSA).claim("exp", NOW + 300.5).signWith(RSA)));
        }

        @Test
        void refusesDuplicateClaimNames() {
            String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + (NOW + 300)
                    + ",\"sub\":\"user-1\",\"sub\":\"admin\"}";
            String token = Tokens.sign("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", claims, "RS256", RSA.pair().getPrivate());
            assertRejected(validate(token), RejectionReason.MALFORMED_CLAIMS);
        }

        @Test
        void refusesAClaimsSetThatIsNotAJsonObject() {
            String token = Tokens.sign("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", "[1,2]", "RS256", RSA.pair().getPrivate());
            assertRejected(validate(token), RejectionReason.MALFORMED_CLAIMS);
        }
    }
}
