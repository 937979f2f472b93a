package dev.tokengate.internal.jwt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokengate.internal.json.StrictJson;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key material from configuration and from an issuer's JWKS. Configured text: keys, or an
 * {@link IllegalArgumentException} whose message the deployment error shows. A fetched set: keys (possibly none) or
 * that same exception for a document that is no key set; never anything else.
 */
class KeyParserFuzzTest {
    static final Set<String> ALGORITHMS = Set.of("RS256", "ES256", "PS256", "EdDSA");

    @FuzzTest
    void configuredKeyText(byte[] text) {
        try {
            VerificationKeys keys = KeyParser.parse(new String(text, StandardCharsets.UTF_8), ALGORITHMS);
            assertThat(keys).isNotNull();
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest
    void fetchedKeySet(byte[] body) {
        Optional<Map<String, Object>> document = StrictJson.object(body);
        if (document.isEmpty()) {
            return;
        }
        try {
            assertThat(KeyParser.fromJwks(document.get())).isNotNull();
        } catch (IllegalArgumentException notAKeySet) {
            assertThat(notAKeySet.getMessage()).isNotBlank();
        }
    }
}
