package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;
import org.jose4j.json.JsonUtil;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compact-serialization signature examples of the JOSE cookbook (RFC 7520 §4.1-4.4, from
 * {@code src/test/resources/testvectors/rfc7520/jws/}) must verify through the project's JWS validation path, with the example's key
 * as the only configured key and its algorithm as the only allowed one. Detached content (§4.5) and the JSON
 * serializations (§4.6-4.8) are out of scope: bearer tokens are compact, with their payload inline.
 */
class Rfc7520CookbookTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "4_1.rsa_v15_signature.json",
            "4_2.rsa-pss_signature.json",
            "4_3.ecdsa_signature.json", // ES512 on P-521: a 132-byte signature, the one size that is not a power of two
            "4_4.hmac-sha2_integrity_protection.json"})
    @SuppressWarnings("unchecked")
    void compactExampleVerifies(String file) throws Exception {
        Map<String, Object> example = SharedTestData.json("rfc7520/jws/" + file);
        Map<String, Object> input = (Map<String, Object>) example.get("input");
        String alg = (String) input.get("alg");
        String compact = (String) ((Map<String, Object>) example.get("output")).get("compact");
        JwtValidator validator = JwtValidators.signatureOnly(Set.of(alg),
                new StaticKeyProvider(keys((Map<String, Object>) input.get("key"), alg)));

        CompactJws verified = validator.verifiedJws(compact);

        assertThat(verified.header().algorithm()).isEqualTo(alg);
        assertThat(new String(verified.payload(), StandardCharsets.UTF_8)).isEqualTo(input.get("payload"));

        // The same example with one payload character changed must not verify: the check above is not vacuous.
        String[] parts = compact.split("\\.");
        String tampered = parts[0] + "." + (parts[1].charAt(0) == 'S' ? 'T' : 'S') + parts[1].substring(1) + "." + parts[2];
        assertThatThrownBy(() -> validator.verifiedJws(tampered))
                .isInstanceOfSatisfying(TokenRejection.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE));
    }

    /**
     * RSA and EC keys go through {@link KeyParser} as configured JWK text; it keeps only the public part of these
     * private JWKs. The cookbook's HMAC key is an {@code oct} JWK, which KeyParser ignores on purpose (an HMAC key
     * comes only from the configured secret), so it becomes that secret, as {@link JwtValidators} builds it.
     */
    private static VerificationKeys keys(Map<String, Object> jwk, String alg) {
        if ("oct".equals(jwk.get("kty"))) {
            byte[] secret = Base64.getUrlDecoder().decode((String) jwk.get("k"));
            return new VerificationKeys(List.of(new VerificationKey(null, new HmacKey(secret), null, null, null, true)));
        }
        VerificationKeys keys = KeyParser.parse(JsonUtil.toJson(jwk), Set.of(alg));
        assertThat(keys.all()).singleElement().satisfies(key -> assertThat(key.key()).isInstanceOf(java.security.PublicKey.class));
        return keys;
    }
}
