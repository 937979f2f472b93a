package dev.tokengate.internal.jwt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokengate.Authentication;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.testing.Accessors;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT validator the filter uses, on arbitrary text and on tokens really signed over fuzzer-made header and claims,
 * so that the claim rules behind a valid signature are reached. Contract: an {@link Authentication}, never an
 * exception; and every accepted token meets iss, aud and exp, and answers every accessor.
 */
class JwtValidatorFuzzTest {
    static final TestKeys KEY = TestKeys.ec("ec-1", "secp256r1", "ES256");
    /** A fixed "now", so that a saved input replays the same way on every run. */
    static final long NOW = 1_900_000_000L;
    static final long SKEW = 60;
    static final JwtValidator VALIDATOR;

    static {
        TokengateConfig config = new ConfigLoader(MapProperties.of(
                PropertyNames.ISSUER, Tokens.ISSUER,
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.ALGORITHMS, "ES256",
                PropertyNames.PUBLIC_KEY, TestKeys.jwks(KEY)), JwtValidatorFuzzTest.class.getClassLoader()).load();
        VALIDATOR = JwtValidators.fromSettings(config, new IssuerHttpClient(config.http()),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    @FuzzTest
    void anyText(byte[] text) {
        check(VALIDATOR.validate(new String(text, StandardCharsets.UTF_8)));
    }

    @FuzzTest
    void signedHeaderAndClaims(FuzzedDataProvider data) {
        String header = data.consumeBoolean() ? "{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"typ\":\"JWT\"}"
                : data.consumeString(200);
        String claims = data.consumeBoolean() ? templateClaims(data) : data.consumeRemainingAsString();
        check(VALIDATOR.validate(Tokens.sign(header, claims, "ES256", KEY.pair().getPrivate())));
    }

    /** Claims built around the registered ones, each either well-formed or a fuzzer-chosen JSON fragment. */
    private static String templateClaims(FuzzedDataProvider data) {
        String iss = data.pickValue(List.of("\"" + Tokens.ISSUER + "\"", "\"https://other.example.test/\"", "null",
                "[\"" + Tokens.ISSUER + "\"]"));
        String aud = data.pickValue(List.of("\"" + Tokens.AUDIENCE + "\"", "[\"x\",\"" + Tokens.AUDIENCE + "\"]",
                "[null]", "[]", "7"));
        String exp = data.consumeBoolean() ? Long.toString(NOW + data.consumeLong(-400, 400)) : data.consumeString(40);
        String nbf = data.consumeBoolean() ? Long.toString(NOW + data.consumeLong(-400, 400)) : data.consumeString(40);
        String iat = data.consumeBoolean() ? Long.toString(NOW + data.consumeLong(-400, 400)) : data.consumeString(40);
        return "{\"iss\":" + iss + ",\"aud\":" + aud + ",\"exp\":" + exp + ",\"nbf\":" + nbf + ",\"iat\":" + iat
                + ",\"sub\":" + data.consumeString(60) + data.consumeRemainingAsString() + "}";
    }

    private static void check(Authentication outcome) {
        assertThat(outcome).isNotNull();
        if (outcome instanceof Authentication.Authenticated authenticated) {
            VerifiedToken token = authenticated.token();
            assertThat(token.getIssuer()).isEqualTo(Tokens.ISSUER);
            assertThat(token.getAudience()).contains(Tokens.AUDIENCE);
            assertThat(token.expiresAt()).isGreaterThan(NOW - SKEW);
            Accessors.readEverything(token);
        }
    }
}
