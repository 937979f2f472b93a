package dev.tokengate.internal.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signature algorithms tokengate can allow (everything jose4j verifies, never {@code none}), with what each needs
 * of a key: the one table that configuration checks, key selection and PEM decoding read.
 */
public enum JwsAlgorithm {
    RS256(Family.RSA), RS384(Family.RSA), RS512(Family.RSA),
    PS256(Family.RSA), PS384(Family.RSA), PS512(Family.RSA),
    ES256(Family.EC, 256), ES384(Family.EC, 384), ES512(Family.EC, 521),
    EdDSA(Family.EDDSA),
    HS256(Family.HMAC, 256), HS384(Family.HMAC, 384), HS512(Family.HMAC, 512);

    /** The kind of key an algorithm verifies with. */
    public enum Family { RSA, EC, EDDSA, HMAC }

    private static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final Family family;
    private final int bits;

    JwsAlgorithm(Family family) {
        this(family, 0);
    }

    JwsAlgorithm(Family family, int bits) {
        this.family = family;
        this.bits = bits;
    }

    public Family family() {
        return family;
    }

    /** An EC algorithm's curve size in bits (P-521 for ES512). */
    public int curveBits() {
        return family == Family.EC ? bits : 0;
    }

    /** An HMAC algorithm's minimum secret length in bytes: its hash's (RFC 7518 §3.2). */
    public int minimumSecretBytes() {
        return family == Family.HMAC ? bits / 8 : 0;
    }

    /** The algorithm of this JOSE name, compared exactly as {@code alg} values are. */
    public static Optional<JwsAlgorithm> named(String name) {
        return NAMES.contains(name) ? Optional.of(valueOf(name)) : Optional.empty();
    }

    public static Set<String> names() {
        return NAMES;
    }

    /** Whether every one of {@code algorithms} (names) is of {@code family}. */
    public static boolean allOf(Set<String> algorithms, Family family) {
        return algorithms.stream().map(JwsAlgorithm::named).allMatch(a -> a.isPresent() && a.get().family == family);
    }

    /** Whether any of {@code algorithms} (names) is of {@code family}. */
    public static boolean anyOf(Set<String> algorithms, Family family) {
        return algorithms.stream().map(JwsAlgorithm::named).flatMap(Optional::stream).anyMatch(a -> a.family == family);
    }
}
