package dev.tokengate;

import java.time.Instant;

/**
 * What DPoP (RFC 9449) needs to remember between requests: the proofs already used (§11.1, replay) and the server
 * nonces handed out (§8). The default keeps both in this JVM's memory, which is right for one server and wrong for a
 * cluster behind a load balancer: there a proof replayed to another node would pass, and a nonce from one node would
 * be refused by the next. A cluster plugs in a shared implementation (a database, Redis, a data grid) by naming its
 * class in {@code META-INF/services/dev.tokengate.DPoPStore} inside the application; tokengate finds it with
 * {@link java.util.ServiceLoader} at startup and refuses to start when it finds more than one.
 *
 * <p>Implementations are called on request threads, concurrently, and must be thread-safe. An implementation that
 * cannot reach its backing store should answer {@code false} from {@link #firstUse} (the proof is then refused):
 * letting a proof through unrecorded would let it be replayed.
 */
public interface DPoPStore {

    /**
     * Records a proof and says whether it was new, atomically: of two concurrent calls with the same
     * {@code proofId}, at most one may return {@code true}.
     *
     * @param proofId   a fixed-length digest of the proof's key thumbprint and {@code jti}, safe to store and share
     * @param expiresAt when the proof can no longer be accepted anyway, so when the record may be forgotten
     * @return {@code true} when this proof was never recorded before (and now is); {@code false} for a replay, or when
     * the proof cannot be recorded
     */
    boolean firstUse(String proofId, Instant expiresAt);

    /**
     * The nonce a client should put in its next proof, the same for every caller until it rotates.
     *
     * @param now the current time
     * @return a nonce of visible ASCII characters without quotes or backslashes
     */
    String currentNonce(Instant now);

    /**
     * Whether a proof's nonce is acceptable now: the current nonce, or one recently rotated away (so that a client
     * racing a rotation is not refused).
     *
     * @param nonce the proof's {@code nonce} claim
     * @param now   the current time
     * @return whether to accept it
     */
    boolean acceptsNonce(String nonce, Instant now);
}
