package dev.tokengate.internal.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** An immutable set of verification keys, as fetched or configured at one moment. */
final class VerificationKeys {
    /** A token without {@code kid} is tried against at most this many keys, so it cannot buy many verifications. */
    static final int MAX_CANDIDATES = 3;

    private final List<VerificationKey> keys;
    private final Set<String> keyIds;
    private final Set<java.security.Key> publicKeys;

    private final List<String> refused;

    public VerificationKeys(List<VerificationKey> keys) {
        this(keys, List.of());
    }

    /** With descriptions of the keys that were left out as unusable (never the key material). */
    public VerificationKeys(List<VerificationKey> keys, List<String> refused) {
        this.refused = List.copyOf(refused);
        this.keys = List.copyOf(keys);
        this.keyIds = this.keys.stream().map(VerificationKey::keyId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
        this.publicKeys = this.keys.stream().map(VerificationKey::key).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code key} is (still) one of these keys: the same object, or an equal key from a later fetch. */
    public boolean contains(java.security.Key key) {
        for (VerificationKey candidate : keys) {
            if (candidate.key() == key) {
                return true;
            }
        }
        return publicKeys.contains(key);
    }

    /** The keys of the same source that were refused as unusable, described for a log. */
    public List<String> refused() {
        return refused;
    }

    public List<VerificationKey> all() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public boolean hasKeyId(String kid) {
        return keyIds.contains(kid);
    }

    /**
     * The keys that may verify a token with this {@code alg} and {@code kid}. A {@code kid} selects only keys with that
     * id, plus keys that have none (a PEM key, the HMAC secret), so configured keys never need ids. Without a
     * {@code kid}, every suitable key up to {@link #MAX_CANDIDATES}.
     */
    public List<VerificationKey> candidates(String alg, String kid) {
        List<VerificationKey> matches = new ArrayList<>(2);
        for (VerificationKey key : keys) {
            boolean idMatches = kid == null || key.keyId() == null || kid.equals(key.keyId());
            if (idMatches && key.canVerify(alg)) {
                matches.add(key);
                if (matches.size() == MAX_CANDIDATES) {
                    break;
                }
            }
        }
        return matches;
    }
}
