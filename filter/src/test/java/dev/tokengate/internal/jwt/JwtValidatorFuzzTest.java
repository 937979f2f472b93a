package dev.tokengate.internal.jwt;

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

    /**
     * A token really signed over the input: {@code header \n claims}, or just the claims under a good header. The
     * saved inputs are readable JSON, and the seeds (valid claims around the fixed "now") start the fuzzer from tokens
     * that pass, so it explores the claim rules behind a valid signature.
     */
    @FuzzTest
    void signedHeaderAndClaims(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String header = newline < 0 ? "{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"typ\":\"JWT\"}" : text.substring(0, newline);
        String claims = newline < 0 ? text : text.substring(newline + 1);
        check(VALIDATOR.validate(Tokens.sign(header, claims, "ES256", KEY.pair().getPrivate())));
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
