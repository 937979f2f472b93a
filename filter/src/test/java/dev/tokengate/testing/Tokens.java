package dev.tokengate.testing;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mints tokens for tests: any header, any claims, signed for real with jose4j's algorithms. Nothing here is checked,
 * so tests can build exactly the malformed or hostile token they need.
 */
public final class Tokens {
    public static final String ISSUER = "https://issuer.example.test/";
    public static final String AUDIENCE = "https://api.example.test";

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Tokens() {
    }

    /** A valid access token's header and claims, for the given key: change what the test is about. */
    public static Tokens valid(TestKeys keys) {
        Tokens tokens = new Tokens();
        tokens.header.put("alg", keys.alg());
        if (keys.kid() != null) {
            tokens.header.put("kid", keys.kid());
        }
        tokens.header.put("typ", "at+jwt");
        long now = Instant.now().getEpochSecond();
        tokens.claims.put("iss", ISSUER);
        tokens.claims.put("sub", "user-1");
        tokens.claims.put("aud", AUDIENCE);
        tokens.claims.put("iat", now - 10);
        tokens.claims.put("exp", now + 300);
        tokens.claims.put("scope", "read:patients write:patients");
        return tokens;
    }

    public Tokens header(String name, Object value) {
        if (value == null) {
            header.remove(name);
        } else {
            header.put(name, value);
        }
        return this;
    }

    public Tokens claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    public String signWith(TestKeys keys) {
        return signWith(keys.pair().getPrivate());
    }

    public String signWith(Key key) {
        // A test may put a non-string alg in the header; the signature is then made with RS256.
        String alg = header.get("alg") instanceof String name ? name : "RS256";
        return sign(JsonUtil.toJson(header), JsonUtil.toJson(claims), alg, key);
    }

    /** Raw JSON texts, for duplicate names and other things a map cannot hold. */
    public static String sign(String headerJson, String claimsJson, String alg, Key key) {
        String signingInput = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            JsonWebSignatureAlgorithm algorithm = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory().getAlgorithm(alg);
            byte[] signature = algorithm.sign(algorithm.prepareForSign(key, new org.jose4j.jca.ProviderContext()),
                    signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String unsigned() {
        return b64(JsonUtil.toJson(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64(JsonUtil.toJson(claims).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
