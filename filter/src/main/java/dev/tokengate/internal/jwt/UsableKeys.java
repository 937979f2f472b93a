package dev.tokengate.internal.jwt;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a public key could ever verify a signature safely, decided once when keys are loaded rather than on every
 * token: an RSA modulus under 2048 bits (RFC 8725 §3.5, NIST SP 800-131A) or an exponent that is not odd and above 1,
 * an EC point that is not on its curve (the invalid-curve attack) or a curve other than P-256, P-384 and P-521, or any
 * other kind of key than RSA, EC and EdDSA.
 */
final class UsableKeys {
    static final int MIN_RSA_BITS = 2048;
    private static final Set<Integer> CURVE_SIZES = Set.of(256, 384, 521);

    private UsableKeys() {
    }

    /** Why {@code key} is refused, or empty when it may be used. */
    static Optional<String> problemWith(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                return Optional.of("an RSA key of " + bits + " bits (at least " + MIN_RSA_BITS + " are needed)");
            }
            BigInteger e = rsa.getPublicExponent();
            if (e.compareTo(BigInteger.ONE) <= 0 || !e.testBit(0)) {
                return Optional.of("an RSA key whose public exponent is not an odd number above 1");
            }
            return Optional.empty();
        }
        if (key instanceof ECPublicKey ec) {
            return ecProblem(ec.getParams(), ec.getW());
        }
        if (key instanceof EdECPublicKey) {
            return Optional.empty();
        }
        return Optional.of("a " + key.getAlgorithm() + " key (only RSA, EC and EdDSA keys verify tokens)");
    }

    private static Optional<String> ecProblem(ECParameterSpec params, ECPoint point) {
        ECField field = params.getCurve().getField();
        if (!(field instanceof ECFieldFp prime) || !CURVE_SIZES.contains(field.getFieldSize())) {
            return Optional.of("an EC key on a curve other than P-256, P-384 and P-521");
        }
        if (point == null || ECPoint.POINT_INFINITY.equals(point)) {
            return Optional.of("an EC key whose point is the point at infinity");
        }
        BigInteger p = prime.getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return Optional.of("an EC key whose coordinates lie outside the curve's field");
        }
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.multiply(x).multiply(x).add(a.multiply(x)).add(b).mod(p);
        if (!left.equals(right)) {
            return Optional.of("an EC key whose point is not on its curve");
        }
        return Optional.empty();
    }
}
