package dev.tokengate.testing;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real key pairs made for a test, and their public JWK / JWKS / PEM forms. */
public record TestKeys(String kid, KeyPair pair, String alg) {

    public static TestKeys rsa(String kid) {
        return rsa(kid, 2048, "RS256");
    }

    public static TestKeys rsa(String kid, int bits, String alg) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return new TestKeys(kid, generator.generateKeyPair(), alg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestKeys ec(String kid, String curve, String alg) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return new TestKeys(kid, generator.generateKeyPair(), alg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestKeys ed25519(String kid) {
        try {
            return new TestKeys(kid, KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "EdDSA");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK as a JSON-ready map, with {@code kid}, {@code use} and {@code alg} unless null. */
    public Map<String, Object> publicJwk() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            if (kid != null) {
                jwk.setKeyId(kid);
            }
            jwk.setUse("sig");
            return new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwks(TestKeys... keys) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TestKeys key : keys) {
            list.add(key.publicJwk());
        }
        return org.jose4j.json.JsonUtil.toJson(Map.of("keys", list));
    }

    public String publicPem() {
        String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }
}
