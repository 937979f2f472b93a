package dev.tokengate.internal.dpop;

import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.TokenRejection;
import dev.tokengate.testing.DPoPProofs;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every check RFC 9449 §4.3 makes of a proof on its own, and each way a proof fails one. */
class ProofValidatorTest {
    static final TestKeys CLIENT = TestKeys.ec(null, "secp256r1", "ES256");
    static final TestKeys OTHER_CLIENT = TestKeys.ec(null, "secp256r1", "ES256");
    static final String URI = "https://api.example.test/patients";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl";
    static final ProofValidator VALIDATOR = new ProofValidator(Set.of("ES256", "ES384", "PS256", "RS256", "EdDSA"),
            Duration.ofSeconds(60), Duration.ofSeconds(5));

    static DPoPProofs proof() {
        return DPoPProofs.of(CLIENT, "GET", URI, TOKEN);
    }

    static DPoPProof validate(String proof) throws TokenRejection {
        return VALIDATOR.validate(proof, "GET", HttpUri.normalized(URI), TOKEN, Instant.now());
    }

    static RejectionReason refusal(String proof) {
        TokenRejection rejection = catchThrowableOfType(() -> validate(proof), TokenRejection.class);
        assertThat(rejection).as("the proof should be refused").isNotNull();
        return rejection.reason();
    }

    @Test
    void aValidProofGivesItsKeyThumbprintJtiAndIat() throws Exception {
        long now = Instant.now().getEpochSecond();
        DPoPProof checked = validate(proof().claim("jti", "proof-1").claim("iat", now).sign());
        assertThat(checked.thumbprint()).isEqualTo(DPoPProofs.thumbprint(CLIENT));
        assertThat(checked.jti()).isEqualTo("proof-1");
        assertThat(checked.issuedAt()).isEqualTo(now);
        assertThat(checked.nonce()).isNull();
    }

    @Test
    void rsaPssAndEdDsaProofsAreAccepted() throws Exception {
        for (TestKeys key : List.of(TestKeys.rsa(null, 2048, "PS256"), TestKeys.rsa(null, 2048, "RS256"),
                TestKeys.ed25519(null), TestKeys.ec(null, "secp384r1", "ES384"))) {
            assertThat(validate(DPoPProofs.of(key, "GET", URI, TOKEN).sign()).thumbprint())
                    .isEqualTo(DPoPProofs.thumbprint(key));
        }
    }

    @Test
    void theNonceIsHandedOn() throws Exception {
        assertThat(validate(proof().claim("nonce", "n-1").sign()).nonce()).isEqualTo("n-1");
    }

    @Test
    void aProofWithoutTheDpopJwtTypeIsRefused() {
        assertThat(refusal(proof().header("typ", "JWT").sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        assertThat(refusal(proof().header("typ", null).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void theTypeIsComparedWithoutRegardToCase() throws Exception {
        assertThat(validate(proof().header("typ", "DPoP+JWT").sign()).thumbprint()).isEqualTo(DPoPProofs.thumbprint(CLIENT));
    }

    @Test
    void anUnsignedProofIsRefused() {
        String unsigned = Tokens.b64(JsonUtil.toJson(Map.of("typ", "dpop+jwt", "alg", "none",
                "jwk", DPoPProofs.publicJwk(CLIENT))).getBytes()) + "." + Tokens.b64("{}".getBytes()) + ".";
        assertThat(refusal(unsigned)).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void aSymmetricProofIsRefusedEvenWhenItsSignatureIsRight() {
        byte[] secret = new byte[32];
        Map<String, Object> octJwk = Map.of("kty", "oct", "k", Tokens.b64(secret));
        String hmac = Tokens.sign(JsonUtil.toJson(Map.of("typ", "dpop+jwt", "alg", "HS256", "jwk", octJwk)),
                JsonUtil.toJson(Map.of("jti", "x", "htm", "GET", "htu", URI, "iat", Instant.now().getEpochSecond(),
                        "ath", DPoPProofs.ath(TOKEN))),
                "HS256", new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        assertThat(refusal(hmac)).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void anAlgorithmOffTheListIsRefused() {
        TestKeys es512 = TestKeys.ec(null, "secp521r1", "ES512");
        assertThat(refusal(DPoPProofs.of(es512, "GET", URI, TOKEN).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void aJwkWithPrivateMembersIsRefused() {
        assertThat(refusal(proof().header("jwk", DPoPProofs.privateJwk(CLIENT)).sign()))
                .isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void aKeySeenBeforeIsStillRefusedWithPrivateMembersOrForAnotherAlgorithmsKind() throws Exception {
        validate(proof().sign()); // the key is now kept
        assertThat(refusal(proof().header("jwk", DPoPProofs.privateJwk(CLIENT)).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        assertThat(refusal(proof().header("alg", "RS256").signAs("ES256"))).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        assertThat(validate(proof().sign()).thumbprint()).isEqualTo(DPoPProofs.thumbprint(CLIENT));
    }

    @Test
    void aProofWithoutAJwkIsRefused() {
        assertThat(refusal(proof().header("jwk", null).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        assertThat(refusal(proof().header("jwk", "not an object").sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void aKeyOfAnotherKindThanTheAlgorithmIsRefused() {
        TestKeys rsa = TestKeys.rsa(null);
        assertThat(refusal(proof().header("jwk", DPoPProofs.publicJwk(rsa)).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void aProofSignedByAnotherKeyThanItsJwkIsRefused() {
        assertThat(refusal(proof().signWith(OTHER_CLIENT))).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void aCriticalHeaderIsRefused() {
        assertThat(refusal(proof().header("crit", List.of("exp")).header("exp", 1).sign()))
                .isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void aProofForAnotherMethodIsRefused() {
        assertThat(refusal(DPoPProofs.of(CLIENT, "POST", URI, TOKEN).sign())).isEqualTo(RejectionReason.DPOP_PROOF_WRONG_REQUEST);
        assertThat(refusal(DPoPProofs.of(CLIENT, "get", URI, TOKEN).sign())).isEqualTo(RejectionReason.DPOP_PROOF_WRONG_REQUEST);
    }

    @Test
    void aProofForAnotherUriIsRefused() {
        for (String other : List.of("https://api.example.test/admin", "http://api.example.test/patients",
                "https://evil.example.test/patients", "https://api.example.test:8443/patients",
                "https://api.example.test/patients/", "/patients")) {
            assertThat(refusal(DPoPProofs.of(CLIENT, "GET", other, TOKEN).sign())).as(other)
                    .isEqualTo(RejectionReason.DPOP_PROOF_WRONG_REQUEST);
        }
    }

    @Test
    void theUriIsComparedAfterNormalisationAndWithoutQuery() throws Exception {
        for (String same : List.of("HTTPS://API.Example.TEST:443/patients", "https://api.example.test/./patients",
                "https://api.example.test/patients?page=2", "https://api.example.test/patients#top",
                "https://api.example.test/%70atients")) {
            assertThat(validate(DPoPProofs.of(CLIENT, "GET", same, TOKEN).sign()).thumbprint()).as(same)
                    .isEqualTo(DPoPProofs.thumbprint(CLIENT));
        }
    }

    @Test
    void aProofOlderThanTheMaximumAgeIsRefused() {
        long tooOld = Instant.now().getEpochSecond() - 60 - 5 - 2;
        assertThat(refusal(proof().claim("iat", tooOld).sign())).isEqualTo(RejectionReason.DPOP_PROOF_STALE);
    }

    @Test
    void aProofFromTheFutureBeyondTheSkewIsRefused() {
        long future = Instant.now().getEpochSecond() + 5 + 2;
        assertThat(refusal(proof().claim("iat", future).sign())).isEqualTo(RejectionReason.DPOP_PROOF_STALE);
    }

    @Test
    void aProofWithinTheWindowAndTheSkewIsAccepted() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(validate(proof().claim("iat", now - 60).sign()).issuedAt()).isEqualTo(now - 60);
        assertThat(validate(proof().claim("iat", now + 4).sign()).issuedAt()).isEqualTo(now + 4);
    }

    @Test
    void aProofForAnotherAccessTokenIsRefused() {
        assertThat(refusal(proof().claim("ath", DPoPProofs.ath(TOKEN + "x")).sign())).isEqualTo(RejectionReason.DPOP_PROOF_WRONG_TOKEN);
    }

    @Test
    void eachRequiredClaimMustBePresentAndAString() {
        for (String claim : List.of("jti", "htm", "htu", "ath", "iat")) {
            assertThat(refusal(proof().claim(claim, null).sign())).as("without " + claim)
                    .isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        }
        assertThat(refusal(proof().claim("jti", 12).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        assertThat(refusal(proof().claim("iat", "now").sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        assertThat(refusal(proof().claim("nonce", 7).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void anOverlongJtiIsRefused() {
        assertThat(refusal(proof().claim("jti", "j".repeat(257)).sign())).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }

    @Test
    void anythingThatIsNotACompactJwsIsRefused() {
        for (String garbage : List.of("", "a.b", "a.b.c.d", "not a jwt", "e30.e30.", "x".repeat(9000))) {
            assertThat(refusal(garbage)).as(garbage.length() > 20 ? "long" : garbage).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
        }
    }

    @Test
    void claimsThatAreNotAJsonObjectAreRefused() {
        Map<String, Object> header = new LinkedHashMap<>(Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", DPoPProofs.publicJwk(CLIENT)));
        String proof = Tokens.sign(JsonUtil.toJson(header), "[1,2]", "ES256", CLIENT.pair().getPrivate());
        assertThat(refusal(proof)).isEqualTo(RejectionReason.DPOP_PROOF_MALFORMED);
    }
}
