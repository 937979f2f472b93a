package dev.tokengate.internal.json;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The one JSON entry point on arbitrary bytes: a value or {@link MalformedJsonException}, nothing else. */
class StrictJsonFuzzTest {

    @FuzzTest
    void anyBytes(byte[] input) {
        Object value;
        try {
            value = StrictJson.parse(input);
        } catch (MalformedJsonException refused) {
            return;
        }
        // Whatever is accepted reads the same from its characters (no byte-level leniency) and prints without failing.
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            assertThat(StrictJson.parse(text)).isEqualTo(value);
        } catch (MalformedJsonException e) {
            throw new AssertionError("accepted as bytes, refused as text", e);
        }
        assertThat(String.valueOf(value)).isNotNull();
    }
}
