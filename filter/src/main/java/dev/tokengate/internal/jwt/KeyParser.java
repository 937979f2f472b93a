package dev.tokengate.internal.jwt;

import dev.tokengate.internal.config.JwsAlgorithm;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.JsonWebKey;
import dev.tokengate.internal.json.StrictJson;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns configured or fetched key text into verification keys: a JWKS, a single JWK, or PEM (a public key, a
 * certificate, or bare base64 DER as MicroProfile JWT allows). JWK parsing is jose4j's, PEM decoding smallrye-jwt's.
 * Symmetric ({@code oct}) keys from a key set are ignored: an HMAC key comes only from the configured secret, so a
 * published key can never become an HMAC secret. A key that could never verify safely ({@link UsableKeys}: a short RSA
 * modulus, an EC point off its curve ...) is refused here, once, instead of failing every token signed for it.
 */
final class KeyParser {
    private KeyParser() {
    }

    /** Parses key text; throws {@link IllegalArgumentException} with a message fit for a log when nothing usable is in it. */
    public static VerificationKeys parse(String text, Set<String> algorithms) {
        String trimmed = text.trim();
        List<String> refused = new ArrayList<>();
        List<VerificationKey> keys = usable(trimmed.startsWith("{") ? fromJwk(trimmed) : fromPem(trimmed, algorithms),
                refused);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(refused.isEmpty() ? "no usable public key in it"
                    : "no usable public key in it: " + String.join("; ", refused));
        }
        return new VerificationKeys(keys, refused);
    }

    /** A JWKS document as fetched from an issuer. Keys jose4j cannot read are skipped, as RFC 7517 §5 asks. */
    public static VerificationKeys fromJwks(Map<String, Object> document) {
        if (!(document.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("not a JWK set: no \"keys\" array");
        }
        List<String> refused = new ArrayList<>();
        return new VerificationKeys(usable(toKeys(jwks(entries)), refused), refused);
    }

    /** The members jose4j can read as keys; an unknown key type or a broken key is skipped, the others still count. */
    private static List<JsonWebKey> jwks(List<?> entries) {
        List<JsonWebKey> jwks = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> params = (Map<String, Object>) map;
                    jwks.add(JsonWebKey.Factory.newJwk(params));
                } catch (JoseException | RuntimeException unusable) {
                    // skipped, as RFC 7517 §5 asks
                }
            }
        }
        return jwks;
    }

    /** The keys that could ever verify safely ({@link UsableKeys}); the others are described in {@code refused}. */
    private static List<VerificationKey> usable(List<VerificationKey> keys, List<String> refused) {
        List<VerificationKey> usable = new ArrayList<>(keys.size());
        for (VerificationKey key : keys) {
            java.util.Optional<String> problem = key.key() instanceof PublicKey publicKey
                    ? UsableKeys.problemWith(publicKey) : java.util.Optional.empty();
            if (problem.isPresent()) {
                refused.add((key.keyId() == null ? "a key without kid" : "kid " + key.keyId()) + ": " + problem.get());
            } else {
                usable.add(key);
            }
        }
        return usable;
    }

    private static List<VerificationKey> fromJwk(String json) {
        try {
            Map<String, Object> parsed = StrictJson.object(json)
                    .orElseThrow(() -> new IllegalArgumentException("not a valid JWK or JWK set"));
            if (parsed.containsKey("keys")) {
                // Configured text is held to every key being one jose4j reads: a mistake there is the
                // operator's, and the deployment says so instead of silently dropping the key.
                if (!(parsed.get("keys") instanceof List<?> entries)) {
                    throw new IllegalArgumentException("not a valid JWK or JWK set");
                }
                List<JsonWebKey> jwks = new ArrayList<>(entries.size());
                for (Object entry : entries) {
                    if (!(entry instanceof Map<?, ?> map)) {
                        throw new IllegalArgumentException("not a valid JWK or JWK set");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> params = (Map<String, Object>) map;
                    jwks.add(JsonWebKey.Factory.newJwk(params));
                }
                return toKeys(jwks);
            }
            return toKeys(List.of(JsonWebKey.Factory.newJwk(parsed)));
        } catch (JoseException | RuntimeException e) {
            // jose4j answers some malformed keys with runtime exceptions of its own ({"keys":1}, a short EC
            // coordinate): the same mistake in the configuration, which the caller names by its property
            throw new IllegalArgumentException("not a valid JWK or JWK set");
        }
    }

    private static List<VerificationKey> toKeys(List<JsonWebKey> jwks) {
        List<VerificationKey> keys = new ArrayList<>(jwks.size());
        for (JsonWebKey jwk : jwks) {
            if (jwk instanceof OctetSequenceJsonWebKey || !(jwk instanceof PublicJsonWebKey publicJwk)) {
                continue;
            }
            PublicKey key = publicJwk.getPublicKey();
            if (key == null) {
                continue;
            }
            try {
                keys.add(new VerificationKey(jwk.getKeyId(), key, jwk.getAlgorithm(), jwk.getUse(), jwk.getKeyOps(), false));
            } catch (RuntimeException broken) {
                // one odd member (a null in key_ops, say) spoils that key only, never the rest of the set (RFC 7517 §5)
            }
        }
        return keys;
    }

    private static List<VerificationKey> fromPem(String pem, Set<String> algorithms) {
        if (pem.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                return List.of(new VerificationKey(null, KeyUtils.decodeCertificate(pem), null, null, null, false));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not a valid PEM certificate");
            }
        }
        // The PEM does not say which kind of key it holds: try the key types the allowed algorithms need.
        for (SignatureAlgorithm family : families(algorithms)) {
            try {
                return List.of(new VerificationKey(null, KeyUtils.decodePublicKey(pem, family), null, null, null, false));
            } catch (GeneralSecurityException | IllegalArgumentException wrongType) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("not a PEM public key of a type the allowed algorithms use");
    }

    private static List<SignatureAlgorithm> families(Set<String> algorithms) {
        // smallrye's PEM decoder takes any algorithm of the key's family
        List<SignatureAlgorithm> families = new ArrayList<>(3);
        if (JwsAlgorithm.anyOf(algorithms, JwsAlgorithm.Family.RSA)) {
            families.add(SignatureAlgorithm.RS256);
        }
        if (JwsAlgorithm.anyOf(algorithms, JwsAlgorithm.Family.EC)) {
            families.add(SignatureAlgorithm.ES256);
        }
        if (JwsAlgorithm.anyOf(algorithms, JwsAlgorithm.Family.EDDSA)) {
            families.add(SignatureAlgorithm.EDDSA);
        }
        return families;
    }
}
