package dev.tokengate.internal.dpop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokengate.internal.claims.TokenRejection;
import dev.tokengate.testing.DPoPProofs;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.jose4j.json.JsonUtil;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP proof validation on proofs really signed over fuzzer-made header and claims (by default, the claims under a
 * good header with the signing key's {@code jwk}), so that the claim rules behind a valid signature are reached.
 * Contract: a checked proof or a {@code DPOP_PROOF_*} rejection, never another exception; and an accepted proof is
 * for this request, this token and this key, and within the time window.
 */
class ProofValidatorFuzzTest {
    static final TestKeys CLIENT = TestKeys.ec(null, "secp256r1", "ES256");
    static final long NOW = 1_900_000_000L;
    static final String URI = "https://api.example.test/patients";
    static final String TOKEN = "access-token";
    static final ProofValidator VALIDATOR = new ProofValidator(Set.of("ES256", "RS256"), Duration.ofSeconds(60),
            Duration.ofSeconds(5));
    static final String HEADER;

    static {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "dpop+jwt");
        header.put("alg", "ES256");
        header.put("jwk", DPoPProofs.publicJwk(CLIENT));
        HEADER = JsonUtil.toJson(header);
    }

    @FuzzTest
    void signedHeaderAndClaims(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String header = newline < 0 ? HEADER : text.substring(0, newline);
        String claims = newline < 0 ? text : text.substring(newline + 1);
        String proof = Tokens.sign(header, claims, "ES256", CLIENT.pair().getPrivate());
        try {
            DPoPProof checked = VALIDATOR.validate(proof, "GET", HttpUri.normalized(URI), TOKEN, Instant.ofEpochSecond(NOW));
            assertThat(checked.thumbprint()).isEqualTo(DPoPProofs.thumbprint(CLIENT));
            assertThat(checked.issuedAt()).isBetween(NOW - 65, NOW + 5);
            assertThat(checked.jti()).isNotEmpty();
        } catch (TokenRejection rejected) {
            assertThat(rejected.reason().name()).startsWith("DPOP_PROOF_");
        }
    }
}
