package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Project Wycheproof's JSON Web Signature vectors ({@code src/test/resources/testvectors/wycheproof/json_web_signature_test.json}),
 * each run through the project's own JWS validation path: {@link JwtValidators#signatureOnly} with the vector's key as
 * the only configured key and the vector's algorithm as the only allowed one. A valid vector must verify, an invalid
 * one must be rejected with a {@link TokenRejection}; the few valid vectors the project refuses on purpose are listed
 * below with the reason it gives and why, and are asserted to be refused for exactly that reason.
 */
class WycheproofJwsTest {
    private static final String FILE = "wycheproof/json_web_signature_test.json";
    private static final int DECLARED_VECTORS = 401;

    /**
     * Vectors whose label cannot be right, so they are not run. Both are labelled invalid ("invalid base64 padding"),
     * yet their tokens are byte for byte the valid tcId 357: no implementation can satisfy both labels.
     * {@link #countsAddUpAndNoVectorIsLost} checks that this is still true of the data.
     */
    private static final Map<Integer, String> MISLABELLED = Map.of(
            367, "labelled invalid, but byte-identical to the valid tcId 357",
            370, "labelled invalid, but byte-identical to the valid tcId 357");
    private static final int IDENTICAL_VALID_VECTOR = 357;

    /** A vector labelled valid that the project deliberately refuses, with the reason it must give. */
    private record Deliberate(RejectionReason reason, String why) {
    }

    private static final Map<Integer, Deliberate> DELIBERATELY_REJECTED = Map.ofEntries(
            // RFC 7515 §7.1: each compact segment is base64url, whose alphabet has no '?'. The project parses
            // strictly and never skips characters it does not understand, so the same bytes have one spelling only.
            Map.entry(372, new Deliberate(RejectionReason.MALFORMED_TOKEN, "'?' inside the header segment is not base64url")),
            Map.entry(373, new Deliberate(RejectionReason.MALFORMED_TOKEN, "'?' inside the payload segment is not base64url")),
            // An empty payload segment is what detached content looks like (RFC 7515 Appendix F), which a bearer token
            // never uses, and a JWT's payload is a claims set, never empty: CompactJws refuses "a..b" on purpose
            // (CompactJwsTest.refusesWrongSegmentStructure), before any signature is computed.
            Map.entry(259, emptyPayload()),
            Map.entry(264, emptyPayload()),
            Map.entry(268, emptyPayload()),
            Map.entry(272, emptyPayload()),
            Map.entry(320, emptyPayload()),
            Map.entry(325, emptyPayload()),
            // Wycheproof gave the RFC 7520 RSA key "alg":"PS256" yet signs the RFC's PS384 example with it. The
            // project uses a key only for the algorithm its JWK names (RFC 7517 §4.4, RFC 8725 §3.1), so the PS256
            // allowlist this key implies refuses the PS384 token.
            Map.entry(346, new Deliberate(RejectionReason.UNSUPPORTED_ALGORITHM, "PS384 token, but the key's JWK says PS256")),
            Map.entry(350, new Deliberate(RejectionReason.UNSUPPORTED_ALGORITHM, "PS384 token, but the key's JWK says PS256")),
            // Wycheproof gave the RFC 7520 P-521 key "alg":"ES521", which is no registered algorithm (ES512 is).
            // The JWK's alg is compared exactly, not guessed at, so this key may verify nothing: no key for ES512.
            // (Rfc7520CookbookTest verifies the same token with the RFC's own key, which has no alg.)
            Map.entry(347, new Deliberate(RejectionReason.UNKNOWN_KEY, "ES512 token, but the key's JWK says the unregistered ES521")),
            Map.entry(351, new Deliberate(RejectionReason.UNKNOWN_KEY, "ES512 token, but the key's JWK says the unregistered ES521")));

    private static Deliberate emptyPayload() {
        return new Deliberate(RejectionReason.MALFORMED_TOKEN, "an empty payload segment (detached content) is refused");
    }

    /** One test vector with the configuration it is run under. */
    private record Vector(int tcId, String comment, String groupComment, String jws, boolean valid,
                          String algorithm, VerificationKeys keys) {

        String name() {
            return "tcId " + tcId + " " + groupComment + "/" + comment + " (" + (valid ? "valid" : "invalid") + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorHasTheLabelledOutcome() {
        return vectors().stream()
                .filter(vector -> !MISLABELLED.containsKey(vector.tcId()))
                .map(vector -> DynamicTest.dynamicTest(vector.name(), () -> check(vector)));
    }

    private static void check(Vector vector) throws Exception {
        JwtValidator validator = JwtValidators.signatureOnly(Set.of(vector.algorithm()), new StaticKeyProvider(vector.keys()));
        Deliberate deliberate = DELIBERATELY_REJECTED.get(vector.tcId());
        RejectionReason rejected;
        try {
            CompactJws verified = validator.verifiedJws(vector.jws());
            assertThat(verified.token()).isEqualTo(vector.jws());
            rejected = null;
        } catch (TokenRejection rejection) {
            rejected = rejection.reason();
        }
        if (deliberate != null) {
            assertThat(rejected).as("tcId %d deliberately refused (%s), allowlist %s", vector.tcId(), deliberate.why(), vector.algorithm())
                    .isEqualTo(deliberate.reason());
        } else if (vector.valid()) {
            assertThat(rejected).as("valid tcId %d must verify with allowlist %s", vector.tcId(), vector.algorithm()).isNull();
        } else if (rejected == null) {
            fail("invalid tcId " + vector.tcId() + " was accepted with allowlist " + vector.algorithm());
        }
    }

    @Test
    void countsAddUpAndNoVectorIsLost() {
        Map<String, Object> file = SharedTestData.json(FILE);
        List<Vector> vectors = vectors();
        assertThat(((Number) file.get("numberOfTests")).intValue()).isEqualTo(DECLARED_VECTORS);
        assertThat(vectors).hasSize(DECLARED_VECTORS);
        assertThat(vectors.stream().map(Vector::tcId).distinct()).hasSize(DECLARED_VECTORS);

        // The exceptions name vectors that exist and still carry the label they are exceptions to.
        String identical = jwsOf(vectors, IDENTICAL_VALID_VECTOR);
        for (int tcId : MISLABELLED.keySet()) {
            assertThat(vectors).filteredOn(v -> v.tcId() == tcId).singleElement()
                    .satisfies(v -> assertThat(v.valid()).isFalse())
                    .satisfies(v -> assertThat(v.jws()).isEqualTo(identical));
        }
        for (int tcId : DELIBERATELY_REJECTED.keySet()) {
            assertThat(vectors).filteredOn(v -> v.tcId() == tcId).singleElement()
                    .satisfies(v -> assertThat(v.valid()).as("tcId %d is labelled valid", tcId).isTrue());
        }

        long run = vectors.stream().filter(v -> !MISLABELLED.containsKey(v.tcId())).count();
        long mustVerify = vectors.stream().filter(v -> v.valid() && !DELIBERATELY_REJECTED.containsKey(v.tcId())).count();
        long mustFail = vectors.stream().filter(v -> !v.valid() && !MISLABELLED.containsKey(v.tcId())).count();
        assertThat(run).isEqualTo(DECLARED_VECTORS - MISLABELLED.size()).isEqualTo(399);
        assertThat(everyVectorHasTheLabelledOutcome()).hasSize(399);
        assertThat(mustVerify).isEqualTo(34);
        assertThat(DELIBERATELY_REJECTED).hasSize(12);
        assertThat(mustFail).isEqualTo(353);
        assertThat(mustVerify + DELIBERATELY_REJECTED.size() + mustFail).isEqualTo(run);
    }

    private static String jwsOf(List<Vector> vectors, int tcId) {
        return vectors.stream().filter(v -> v.tcId() == tcId).findFirst().orElseThrow().jws();
    }

    @SuppressWarnings("unchecked")
    private static List<Vector> vectors() {
        Map<String, Object> file = SharedTestData.json(FILE);
        List<Vector> vectors = new ArrayList<>();
        for (Object g : (List<Object>) file.get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            // The group's public JWK where there is one; the symmetric groups only have their "private" oct key.
            Map<String, Object> jwk = (Map<String, Object>) (group.containsKey("public") ? group.get("public") : group.get("private"));
            for (Object t : (List<Object>) group.get("tests")) {
                Map<String, Object> test = (Map<String, Object>) t;
                String jws = (String) test.get("jws");
                String algorithm = allowedAlgorithm(jwk, jws);
                vectors.add(new Vector(((Number) test.get("tcId")).intValue(), (String) test.get("comment"),
                        (String) group.get("comment"), jws, "valid".equals(test.get("result")), algorithm,
                        keys(jwk, algorithm)));
            }
        }
        return vectors;
    }

    /**
     * The one algorithm configured for a vector: the key's own {@code alg}, as an operator would configure it, so that
     * {@code alg: none} and the RS/ES-to-HS confusion tokens (tcId 31) meet an allowlist that refuses them. Only a key
     * without a registered {@code alg} falls back to the token's header, the algorithm the vector exercises.
     */
    private static String allowedAlgorithm(Map<String, Object> jwk, String jws) {
        Object keyAlg = jwk.get("alg");
        if (keyAlg instanceof String alg && !alg.equals("none")
                && AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory().isAvailable(alg)) {
            return alg;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
            return (String) JsonUtil.parseJson(header).get("alg");
        } catch (JoseException | RuntimeException e) {
            throw new IllegalStateException("no algorithm to configure for " + jws, e);
        }
    }

    /**
     * The vector's key as the only configured key. Asymmetric keys go through {@link KeyParser} like configured JWK
     * text. KeyParser ignores {@code oct} keys on purpose (an HMAC key comes only from the configured secret), so a
     * symmetric key becomes that secret, as {@link JwtValidators} builds it: no kid, no JWK metadata.
     */
    private static VerificationKeys keys(Map<String, Object> jwk, String algorithm) {
        if ("oct".equals(jwk.get("kty"))) {
            byte[] secret = Base64.getUrlDecoder().decode((String) jwk.get("k"));
            return new VerificationKeys(List.of(new VerificationKey(null, new HmacKey(secret), null, null, null, true)));
        }
        return KeyParser.parse(JsonUtil.toJson(jwk), Set.of(algorithm));
    }
}
