package dev.tokengate.it.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A DPoP client (RFC 9449) made with the JDK alone, so tokengate's proof checks are tested against an implementation
 * that shares no code with them: a P-256 key, its RFC 7638 thumbprint for the token's {@code cnf.jkt}, and an ES256
 * proof per request.
 */
public final class DPoPClient {
    private final KeyPair keys;
    private final String jwk;

    public DPoPClient() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        // RFC 7638 §3.2: the required members, in lexicographic order, no whitespace
        jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + b64(coordinate(key.getW().getAffineX()))
                + "\",\"y\":\"" + b64(coordinate(key.getW().getAffineY())) + "\"}";
    }

    /** The RFC 7638 thumbprint: what a token bound to this client carries as {@code cnf.jkt}. */
    public String thumbprint() {
        return b64(sha256(jwk.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh proof for one request. */
    public String proof(String method, String uri, String accessToken) {
        return proof(method, uri, accessToken, null);
    }

    public String proof(String method, String uri, String accessToken, String nonce) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwk + "}";
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"" + method + "\",\"htu\":\"" + uri
                + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"ath\":\""
                + b64(sha256(accessToken.getBytes(StandardCharsets.US_ASCII))) + "\""
                + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == 32) {
            return bytes;
        }
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DPoPClient[" + thumbprint() + "]";
    }
}
