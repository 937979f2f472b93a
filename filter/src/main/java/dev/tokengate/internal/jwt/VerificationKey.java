package dev.tokengate.internal.jwt;

import dev.tokengate.internal.config.JwsAlgorithm;

import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * One key that may verify signatures, with the JWK metadata that limits what it may verify: {@code kid},
 * {@code alg}, {@code use} and {@code key_ops}. {@code hmac} marks the configured secret: the only key an HMAC
 * algorithm is ever verified with.
 */
public record VerificationKey(String keyId, Key key, String algorithm, String use, List<String> keyOps, boolean hmac) {

    public VerificationKey {
        Objects.requireNonNull(key, "key");
        keyOps = keyOps == null ? null : List.copyOf(keyOps);
    }

    /** Whether this key may verify a signature made with {@code alg}: right key type and curve, and allowed by its JWK. */
    public boolean canVerify(String alg) {
        if (algorithm != null && !algorithm.equals(alg)) {
            return false;
        }
        if (use != null && !use.equals("sig")) {
            return false;
        }
        if (keyOps != null && !keyOps.contains("verify")) {
            return false;
        }
        return JwsAlgorithm.named(alg).map(algorithm -> switch (algorithm.family()) {
            case RSA -> key instanceof RSAPublicKey;
            case EC -> curveSize() == algorithm.curveBits();
            case EDDSA -> key instanceof EdECPublicKey;
            case HMAC -> hmac;
        }).orElse(false);
    }

    private int curveSize() {
        return key instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize() : -1;
    }

    @Override
    public String toString() {
        return "VerificationKey[kid=" + keyId + ", type=" + (hmac ? "secret" : key.getAlgorithm()) + "]";
    }
}
