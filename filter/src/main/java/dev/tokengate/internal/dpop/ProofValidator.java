package dev.tokengate.internal.dpop;

import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.TokenRejection;
import dev.tokengate.internal.config.JwsAlgorithm;
import dev.tokengate.internal.jwt.CompactJws;
import dev.tokengate.internal.jwt.JwsHeader;
import dev.tokengate.internal.jwt.SignatureVerifier;
import dev.tokengate.internal.jwt.VerificationKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks of RFC 9449 §4.3 that a proof passes or fails on its own, given the request and the access token it came
 * with: a strictly parsed compact JWS; {@code typ} {@code dpop+jwt}; an accepted asymmetric {@code alg}; a public
 * {@code jwk} header without private members, of the kind the algorithm needs; {@code jti}, {@code htm}, {@code htu},
 * {@code iat} and {@code ath} present and of the right types; {@code htm} the request's method, {@code htu} its URI,
 * {@code iat} within the accepted window, {@code ath} the hash of the token; and last, the costly part, a signature
 * that verifies with the {@code jwk}. What needs
 * memory (replay, nonces) or the token's claims ({@code cnf.jkt}) is {@link DPoPVerifier}'s.
 */
public final class ProofValidator {
    /** Far beyond a real proof (a P-521 or RSA-4096 key in the header is under 2 KiB), so a cheap refusal. */
    static final int MAX_LENGTH = 8192;
    private static final int MAX_JTI_LENGTH = 256;
    private static final int MAX_KEPT_KEYS = 10_000;
    /** JWK members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final Set<String> algorithms;
    private final SignatureVerifier signatures;
    private final long maxAgeSeconds;
    private final long skewSeconds;
    private final ConcurrentHashMap<String, ProofKey> keys = new ConcurrentHashMap<>();

    public ProofValidator(Set<String> algorithms, Duration maxAge, Duration clockSkew) {
        this.algorithms = Set.copyOf(algorithms);
        this.signatures = new SignatureVerifier(algorithms);
        this.maxAgeSeconds = maxAge.toSeconds();
        this.skewSeconds = clockSkew.toSeconds();
    }

    /**
     * @param proof        the {@code DPoP} header's value
     * @param method       the request's method
     * @param requestUri   the request's URI in {@link HttpUri#normalized} form
     * @param accessToken  the access token sent with the proof
     * @param now          the current time
     * @return the proof's key thumbprint, {@code jti}, {@code iat} and nonce
     * @throws TokenRejection with the {@code DPOP_PROOF_*} reason of the first check that failed
     */
    public DPoPProof validate(String proof, String method, String requestUri, String accessToken, Instant now)
            throws TokenRejection {
        if (proof.length() > MAX_LENGTH) {
            throw malformed();
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(proof);
        } catch (TokenRejection notAJws) {
            throw malformed();
        }
        JwsHeader header = jws.header();
        String alg = header.algorithm();
        if (header.type() == null || !header.type().equalsIgnoreCase("dpop+jwt") || alg == null
                || !algorithms.contains(alg) || header.parameters().containsKey("crit")) {
            throw malformed();
        }
        ProofKey proofKey = proofKeyOf(header.parameters().get("jwk"), alg);
        Map<String, Object> claims;
        try {
            claims = jws.claims();
        } catch (TokenRejection notJson) {
            throw malformed();
        }
        String jti = string(claims, "jti");
        String htm = string(claims, "htm");
        String htu = string(claims, "htu");
        String ath = string(claims, "ath");
        Object nonce = claims.get("nonce");
        long iat = seconds(claims.get("iat"));
        if (jti.length() > MAX_JTI_LENGTH || nonce != null && !(nonce instanceof String)) {
            throw malformed();
        }
        // The claims are read before the signature is checked, but only to refuse: a proof for another request or
        // token, or a stale one (a captured proof replayed elsewhere or later), costs no public-key operation.
        if (!htm.equals(method) || requestUri == null || !requestUri.equals(HttpUri.normalized(htu))) {
            throw new TokenRejection(RejectionReason.DPOP_PROOF_WRONG_REQUEST);
        }
        long nowSeconds = now.getEpochSecond();
        if (iat > nowSeconds + skewSeconds || iat < nowSeconds - maxAgeSeconds - skewSeconds) {
            throw new TokenRejection(RejectionReason.DPOP_PROOF_STALE);
        }
        if (!MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII), accessTokenHash(accessToken))) {
            throw new TokenRejection(RejectionReason.DPOP_PROOF_WRONG_TOKEN);
        }
        VerificationKey key = new VerificationKey(null, proofKey.publicKey(), null, null, null, false);
        if (!key.canVerify(alg) || !signatures.verify(alg, key, jws.signingInput(), jws.signature())) {
            throw malformed();
        }
        return new DPoPProof(proofKey.thumbprint(), jti, iat, (String) nonce);
    }

    /** {@code ath}: the base64url SHA-256 of the token's ASCII bytes (RFC 9449 §4.2), as ASCII bytes. */
    public static byte[] accessTokenHash(String accessToken) {
        return Base64.getUrlEncoder().withoutPadding()
                .encode(sha256(accessToken.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    /**
     * The header's public key and its thumbprint, refused when it carries private or symmetric material or does not
     * suit {@code alg}. A client signs every proof with the same key, so keys already seen are kept (by the members
     * RFC 7638 hashes, which are all a public key is), and a busy client costs no JWK parsing and no thumbprint.
     */
    private ProofKey proofKeyOf(Object jwk, String alg) throws TokenRejection {
        if (!(jwk instanceof Map<?, ?> members) || members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw malformed();
        }
        JwsAlgorithm.Family family = JwsAlgorithm.named(alg).map(JwsAlgorithm::family).orElseThrow(ProofValidator::malformed);
        Object kty = members.get("kty");
        List<String> required = switch (family) {
            case RSA -> "RSA".equals(kty) ? List.of("e", "n") : null;
            case EC -> "EC".equals(kty) ? List.of("crv", "x", "y") : null;
            case EDDSA -> "OKP".equals(kty) ? List.of("crv", "x") : null;
            case HMAC -> null;
        };
        if (required == null) {
            throw malformed();
        }
        StringBuilder identity = new StringBuilder(160).append(kty);
        for (String member : required) {
            if (!(members.get(member) instanceof String value) || value.indexOf('\0') >= 0) {
                throw malformed();
            }
            identity.append('\0').append(value);
        }
        String cacheKey = identity.toString();
        ProofKey known = keys.get(cacheKey);
        if (known != null) {
            return known;
        }
        ProofKey parsed;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = (Map<String, Object>) members;
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(parameters);
            if (key.getPublicKey() == null || key.getPrivateKey() != null) {
                throw malformed();
            }
            parsed = new ProofKey(key.getPublicKey(), key.calculateBase64urlEncodedThumbprint("SHA-256"));
        } catch (JoseException | RuntimeException unusable) {
            throw malformed();
        }
        if (keys.size() >= MAX_KEPT_KEYS) {
            keys.clear(); // bounded: a flood of one-off keys only costs the parsing it would cost anyway
        }
        keys.put(cacheKey, parsed);
        return parsed;
    }

    private record ProofKey(PublicKey publicKey, String thumbprint) {
    }

    private static String string(Map<String, Object> claims, String name) throws TokenRejection {
        if (claims.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw malformed();
    }

    /** {@code iat} as whole seconds: an integer, or a fraction rounded down; anything else is malformed. */
    private static long seconds(Object value) throws TokenRejection {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double fraction && fraction >= 0 && fraction < 1e11) {
            return (long) Math.floor(fraction);
        }
        throw malformed();
    }

    private static TokenRejection malformed() {
        return new TokenRejection(RejectionReason.DPOP_PROOF_MALFORMED);
    }
}
