package dev.tokengate.testing;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Client-side DPoP proofs (RFC 9449 §4.2), made as a real client makes them; each part changeable for a test. */
public final class DPoPProofs {
    private final TestKeys key;
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private DPoPProofs(TestKeys key) {
        this.key = key;
        header.put("typ", "dpop+jwt");
        header.put("alg", key.alg());
        header.put("jwk", publicJwk(key));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", Instant.now().getEpochSecond());
    }

    /** A proof by this key for {@code method} on {@code uri}, bound to {@code accessToken}. */
    public static DPoPProofs of(TestKeys key, String method, String uri, String accessToken) {
        DPoPProofs proofs = new DPoPProofs(key);
        proofs.claims.put("htm", method);
        proofs.claims.put("htu", uri);
        proofs.claims.put("ath", ath(accessToken));
        return proofs;
    }

    public DPoPProofs header(String name, Object value) {
        if (value == null) {
            header.remove(name);
        } else {
            header.put(name, value);
        }
        return this;
    }

    public DPoPProofs claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    public String sign() {
        return signWith(key);
    }

    /** Signed with {@code signingAlg} by this key, whatever the header's {@code alg} says. */
    public String signAs(String signingAlg) {
        return Tokens.sign(JsonUtil.toJson(header), JsonUtil.toJson(claims), signingAlg, key.pair().getPrivate());
    }

    /** Signed by another key than the one in the header. */
    public String signWith(TestKeys signer) {
        String alg = header.get("alg") instanceof String name ? name : key.alg();
        return Tokens.sign(JsonUtil.toJson(header), JsonUtil.toJson(claims), alg, signer.pair().getPrivate());
    }

    /** The RFC 7638 SHA-256 thumbprint of the key: what a DPoP-bound token's {@code cnf.jkt} holds. */
    public static String thumbprint(TestKeys key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key.pair().getPublic()).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code cnf} binding a token to this key. */
    public static Map<String, Object> confirmation(TestKeys key) {
        return Map.of("jkt", thumbprint(key));
    }

    public static String ath(String accessToken) {
        try {
            return Tokens.b64(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> publicJwk(TestKeys key) {
        try {
            return new LinkedHashMap<>(PublicJsonWebKey.Factory.newPublicJwk(key.pair().getPublic())
                    .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key's JWK with its private members, as a careless client might send it. */
    public static Map<String, Object> privateJwk(TestKeys key) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.pair().getPublic());
            jwk.setPrivateKey(key.pair().getPrivate());
            return new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
