package dev.tokengate.internal.dpop;

import dev.tokengate.DPoPStore;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.TokenRejection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A DPoP-bound request, checked in full (RFC 9449 §7.1): the proof on its own ({@link ProofValidator}), then that the
 * access token is bound to the proof's key ({@code cnf.jkt}), then the nonce when nonces are on, and last that the
 * proof was never used before. The proof is recorded only when everything else passed, so a refused proof costs no
 * memory and cannot be used to fill the replay cache.
 */
public final class DPoPVerifier {
    private final ProofValidator proofs;
    private final DPoPStore store;
    private final boolean nonces;
    private final Duration window;
    private final Clock clock;

    public DPoPVerifier(ProofValidator proofs, DPoPStore store, boolean nonces, Duration window, Clock clock) {
        this.proofs = proofs;
        this.store = store;
        this.nonces = nonces;
        this.window = window;
        this.clock = clock;
    }

    /**
     * @param proof        the one {@code DPoP} header's value
     * @param method       the request's method
     * @param requestUri   the request's URI, normalised ({@link HttpUri#normalized})
     * @param accessToken  the access token, as sent
     * @param tokenClaims  the validated token's claims (a JWT's, or the introspection response's)
     * @return {@code null} when the request is proven; otherwise why not
     */
    public RejectionReason verify(String proof, String method, String requestUri, String accessToken,
                                  Map<String, Object> tokenClaims) {
        Instant now = clock.instant();
        DPoPProof checked;
        try {
            checked = proofs.validate(proof, method, requestUri, accessToken, now);
        } catch (TokenRejection rejected) {
            return rejected.reason();
        }
        String boundTo = Confirmation.of(tokenClaims, Confirmation.JWK_THUMBPRINT);
        if (boundTo == null || !MessageDigest.isEqual(boundTo.getBytes(StandardCharsets.US_ASCII),
                checked.thumbprint().getBytes(StandardCharsets.US_ASCII))) {
            return RejectionReason.DPOP_KEY_MISMATCH;
        }
        if (nonces && (checked.nonce() == null || !store.acceptsNonce(checked.nonce(), now))) {
            return RejectionReason.DPOP_NONCE_REQUIRED;
        }
        Instant expires = Instant.ofEpochSecond(checked.issuedAt()).plus(window);
        if (!store.firstUse(proofId(checked), expires)) {
            return RejectionReason.DPOP_PROOF_REPLAYED;
        }
        return null;
    }

    /** The nonce for the {@code DPoP-Nonce} header. */
    public String currentNonce() {
        return store.currentNonce(clock.instant());
    }

    public boolean usesNonces() {
        return nonces;
    }

    /** Fixed length whatever the client chose as {@code jti}, and scoped to the key so clients cannot collide. */
    static String proofId(DPoPProof proof) {
        byte[] digest = ProofValidator.sha256((proof.thumbprint() + '.' + proof.jti()).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
