package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 7515 §7.1 compact serialization, parsed strictly. */
class CompactJwsTest {
    static final TestKeys RSA = TestKeys.rsa("k");
    static final String VALID = Tokens.valid(RSA).signWith(RSA);

    static void assertMalformed(String token) {
        assertThatThrownBy(() -> CompactJws.parse(token))
                .isInstanceOfSatisfying(TokenRejection.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED_TOKEN));
    }

    @Test
    void parsesAWellFormedToken() throws TokenRejection {
        CompactJws jws = CompactJws.parse(VALID);
        assertThat(jws.header().algorithm()).isEqualTo("RS256");
        assertThat(jws.header().keyId()).isEqualTo("k");
        assertThat(new String(jws.signingInput(), StandardCharsets.US_ASCII)).isEqualTo(VALID.substring(0, VALID.lastIndexOf('.')));
        assertThat(jws.signature()).hasSize(256);
    }

    @Test
    void tellsJwsShapedTokensFromOpaqueOnes() {
        assertThat(CompactJws.hasJwsShape(VALID)).isTrue();
        assertThat(CompactJws.hasJwsShape("a.b.c")).isTrue();
        assertThat(CompactJws.hasJwsShape("opaque-token")).isFalse();
        assertThat(CompactJws.hasJwsShape("a.b")).isFalse();
        assertThat(CompactJws.hasJwsShape("a.b.c.d.e")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".a.b", "a..b", "a.b.c.d", "a.b", "abc"})
    void refusesWrongSegmentStructure(String token) {
        assertMalformed(token);
    }

    @Test
    void refusesPaddingWhitespaceAndForeignCharacters() {
        String[] parts = VALID.split("\\.");
        assertMalformed(parts[0] + "=." + parts[1] + "." + parts[2]);
        assertMalformed(parts[0] + ". " + parts[1] + "." + parts[2]);
        assertMalformed(parts[0] + "." + parts[1] + "." + parts[2] + "\n");
        assertMalformed(parts[0].replace('-', '+') + "+." + parts[1] + "." + parts[2]);
        assertMalformed(parts[0] + "." + parts[1] + "/." + parts[2]);
    }

    @Test
    void refusesNonCanonicalBase64() {
        // "e30" is "{}"; "e31" decodes to the same bytes with non-zero trailing bits, a second spelling.
        assertThatThrownBy(() -> CompactJws.parse("e31.e30.AA")).isInstanceOf(TokenRejection.class);
        assertMalformed("e30.e30.A");
    }

    @Test
    void refusesAHeaderThatIsNotAUniqueNameJsonObject() {
        String payload = Tokens.b64("{}".getBytes(StandardCharsets.UTF_8));
        assertMalformed(Tokens.b64("[\"RS256\"]".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".AA");
        assertMalformed(Tokens.b64("{\"alg\":\"RS256\",\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".AA");
        assertMalformed(Tokens.b64("{\"alg\":\"RS256\"} x".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".AA");
        assertMalformed(Tokens.b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}) + "." + payload + ".AA");
        assertMalformed("." + payload + ".AA");
    }
}
