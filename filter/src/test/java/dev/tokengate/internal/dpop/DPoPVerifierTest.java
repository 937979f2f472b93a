package dev.tokengate.internal.dpop;

import dev.tokengate.RejectionReason;
import dev.tokengate.testing.DPoPProofs;
import dev.tokengate.testing.TestClock;
import dev.tokengate.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of a DPoP request beyond the proof itself: the token's key binding, nonces and replay. */
class DPoPVerifierTest {
    static final TestKeys CLIENT = TestKeys.ec(null, "secp256r1", "ES256");
    static final TestKeys OTHER_CLIENT = TestKeys.ec(null, "secp256r1", "ES256");
    static final String URI = "https://api.example.test/patients";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl";
    static final Map<String, Object> BOUND = Map.of("sub", "user-1", "cnf", DPoPProofs.confirmation(CLIENT));

    final TestClock clock = new TestClock();
    final InMemoryDPoPStore store = new InMemoryDPoPStore(1000, Duration.ofMinutes(5));

    DPoPVerifier verifier(boolean nonces) {
        return new DPoPVerifier(new ProofValidator(Set.of("ES256"), Duration.ofSeconds(60), Duration.ofSeconds(5)),
                store, nonces, Duration.ofSeconds(70), clock);
    }

    RejectionReason verify(DPoPVerifier verifier, String proof, Map<String, Object> claims) {
        return verifier.verify(proof, "GET", HttpUri.normalized(URI), TOKEN, claims);
    }

    String proof() {
        return DPoPProofs.of(CLIENT, "GET", URI, TOKEN).claim("iat", clock.instant().getEpochSecond()).sign();
    }

    @Test
    void aBoundTokenWithItsKeysProofPasses() {
        assertThat(verify(verifier(false), proof(), BOUND)).isNull();
    }

    @Test
    void aProofByAnotherKeyThanTheTokensIsRefused() {
        String foreign = DPoPProofs.of(OTHER_CLIENT, "GET", URI, TOKEN).sign();
        assertThat(verify(verifier(false), foreign, BOUND)).isEqualTo(RejectionReason.DPOP_KEY_MISMATCH);
    }

    @Test
    void aTokenBoundToNothingCannotBeUsedWithDpop() {
        assertThat(verify(verifier(false), proof(), Map.of("sub", "user-1"))).isEqualTo(RejectionReason.DPOP_KEY_MISMATCH);
        assertThat(verify(verifier(false), proof(), Map.of("cnf", "jkt"))).isEqualTo(RejectionReason.DPOP_KEY_MISMATCH);
        assertThat(verify(verifier(false), proof(), Map.of("cnf", Map.of("jkt", 5)))).isEqualTo(RejectionReason.DPOP_KEY_MISMATCH);
    }

    @Test
    void aReplayedProofIsRefused() {
        DPoPVerifier verifier = verifier(false);
        String proof = proof();
        assertThat(verify(verifier, proof, BOUND)).isNull();
        assertThat(verify(verifier, proof, BOUND)).isEqualTo(RejectionReason.DPOP_PROOF_REPLAYED);
    }

    @Test
    void theSameJtiFromAnotherKeyIsNotAReplay() {
        DPoPVerifier verifier = verifier(false);
        assertThat(verify(verifier, DPoPProofs.of(CLIENT, "GET", URI, TOKEN).claim("jti", "same").sign(), BOUND)).isNull();
        Map<String, Object> otherBound = Map.of("cnf", DPoPProofs.confirmation(OTHER_CLIENT));
        assertThat(verify(verifier, DPoPProofs.of(OTHER_CLIENT, "GET", URI, TOKEN).claim("jti", "same").sign(), otherBound))
                .isNull();
    }

    @Test
    void aRefusedProofIsNotRecordedSoItCannotFillTheCache() {
        DPoPVerifier verifier = verifier(false);
        verify(verifier, proof(), Map.of("sub", "unbound"));
        verify(verifier, DPoPProofs.of(CLIENT, "POST", URI, TOKEN).sign(), BOUND);
        assertThat(store.size()).isZero();
    }

    @Test
    void withNoncesAProofWithoutOneIsAskedForIt() {
        assertThat(verify(verifier(true), proof(), BOUND)).isEqualTo(RejectionReason.DPOP_NONCE_REQUIRED);
    }

    @Test
    void withNoncesTheCurrentNoncePasses() {
        DPoPVerifier verifier = verifier(true);
        String nonce = verifier.currentNonce();
        String proof = DPoPProofs.of(CLIENT, "GET", URI, TOKEN).claim("nonce", nonce).sign();
        assertThat(verify(verifier, proof, BOUND)).isNull();
    }

    @Test
    void withNoncesAStaleNonceIsRefused() {
        DPoPVerifier verifier = verifier(true);
        String old = verifier.currentNonce();
        clock.advance(Duration.ofMinutes(11));
        String proof = DPoPProofs.of(CLIENT, "GET", URI, TOKEN).claim("iat", clock.instant().getEpochSecond())
                .claim("nonce", old).sign();
        assertThat(verify(verifier, proof, BOUND)).isEqualTo(RejectionReason.DPOP_NONCE_REQUIRED);
        assertThat(verifier.currentNonce()).isNotEqualTo(old);
    }

    @Test
    void aProofRefusedForItsNonceCanBeRetriedWithTheSameJti() {
        DPoPVerifier verifier = verifier(true);
        assertThat(verify(verifier, DPoPProofs.of(CLIENT, "GET", URI, TOKEN).claim("jti", "retry").sign(), BOUND))
                .isEqualTo(RejectionReason.DPOP_NONCE_REQUIRED);
        assertThat(verify(verifier, DPoPProofs.of(CLIENT, "GET", URI, TOKEN).claim("jti", "retry")
                .claim("nonce", verifier.currentNonce()).sign(), BOUND)).isNull();
    }

    @Test
    void theProofIdIsFixedLengthWhateverTheJti() {
        assertThat(DPoPVerifier.proofId(new DPoPProof("t", "j".repeat(256), 0, null))).hasSize(43);
        assertThat(DPoPVerifier.proofId(new DPoPProof("t", "a", 0, null)))
                .isNotEqualTo(DPoPVerifier.proofId(new DPoPProof("u", "a", 0, null)));
    }
}
