package dev.tokengate.internal.jwt;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys that could never verify a token safely are refused when they are loaded, not met on every token. */
class UsableKeysTest {

    private static RSAPublicKey rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return (RSAPublicKey) generator.generateKeyPair().getPublic();
    }

    private static ECPublicKey ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec(curve));
        return (ECPublicKey) generator.generateKeyPair().getPublic();
    }

    @Test
    void aRsaKeyOf2048BitsIsUsable() throws Exception {
        assertThat(UsableKeys.problemWith(rsa(2048))).isEmpty();
    }

    @Test
    void aRsaKeyUnder2048BitsIsRefused() throws Exception {
        assertThat(UsableKeys.problemWith(rsa(1024))).hasValueSatisfying(p -> assertThat(p).contains("1024 bits"));
    }

    @Test
    void aRsaKeyWithAnEvenExponentIsRefused() throws Exception {
        RSAPublicKey good = rsa(2048);
        // the JDK itself refuses exponents under 3; an even one it lets through
        RSAPublicKey even = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(good.getModulus(), BigInteger.valueOf(65536)));
        assertThat(UsableKeys.problemWith(even)).hasValueSatisfying(p -> assertThat(p).contains("exponent"));
    }

    @Test
    void anEcKeyOnItsCurveIsUsable() throws Exception {
        assertThat(UsableKeys.problemWith(ec("secp256r1"))).isEmpty();
        assertThat(UsableKeys.problemWith(ec("secp521r1"))).isEmpty();
    }

    @Test
    void anEcPointOffItsCurveIsRefused() throws Exception {
        ECPublicKey good = ec("secp256r1");
        ECPoint moved = new ECPoint(good.getW().getAffineX(), good.getW().getAffineY().add(BigInteger.ONE));
        ECPublicKey offCurve = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(moved, good.getParams()));
        assertThat(UsableKeys.problemWith(offCurve)).hasValueSatisfying(p -> assertThat(p).contains("not on its curve"));
    }

    @Test
    void aJwksKeepsItsUsableKeysAndDescribesTheRefusedOnes() throws Exception {
        Map<String, Object> weak = rsaJwk("weak", rsa(1024));
        Map<String, Object> strong = rsaJwk("strong", rsa(2048));
        VerificationKeys keys = KeyParser.fromJwks(Map.of("keys", List.of(weak, strong)));
        assertThat(keys.all()).extracting(VerificationKey::keyId).containsExactly("strong");
        assertThat(keys.refused()).singleElement().satisfies(r -> assertThat(r).startsWith("kid weak: ").contains("1024"));
    }

    @Test
    void aConfiguredKeyThatCanNeverVerifyFailsWithTheReason() throws Exception {
        String jwk = "{\"kty\":\"RSA\",\"kid\":\"weak\",\"n\":\"" + b64(rsa(1024).getModulus()) + "\",\"e\":\"AQAB\"}";
        assertThatThrownBy(() -> KeyParser.parse(jwk, Set.of("RS256")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024 bits");
    }

    @Test
    void aKeyWithABrokenMemberSpoilsOnlyItself() throws Exception {
        Map<String, Object> broken = new java.util.HashMap<>(rsaJwk("broken", rsa(2048)));
        broken.put("key_ops", java.util.Arrays.asList((Object) null));
        Map<String, Object> good = rsaJwk("good", rsa(2048));
        VerificationKeys keys = KeyParser.fromJwks(Map.of("keys", List.of(broken, good)));
        assertThat(keys.all()).extracting(VerificationKey::keyId).containsExactly("good");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"keys\":1}",
            "{\"keys\":[1]}",
            "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"________________________________________________\"}",
            "{\"kty\":\"RSA\",\"n\":7,\"e\":\"AQAB\"}"})
    void configuredKeyTextJose4jCannotReadIsAConfigurationMistake(String text) {
        assertThatThrownBy(() -> KeyParser.parse(text, Set.of("RS256", "ES256")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid JWK or JWK set");
    }

    private static Map<String, Object> rsaJwk(String kid, RSAPublicKey key) {
        return Map.of("kty", "RSA", "kid", kid, "n", b64(key.getModulus()), "e", b64(key.getPublicExponent()));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
