package dev.tokengate.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonObjectsTest {
    @Test
    void anythingButOneJsonObjectWithUniqueNamesIsEmpty() {
        assertThat(JsonObjects.parse("{\"a\":1}")).hasValueSatisfying(map -> assertThat(map).containsEntry("a", 1L));
        assertThat(JsonObjects.parse("{\"a\":1,\"a\":2}")).isEmpty();
        assertThat(JsonObjects.parse("[1]")).isEmpty();
        assertThat(JsonObjects.parse("{\"a\":1} trailing")).isEmpty();
        assertThat(JsonObjects.parse("{\"a\":")).isEmpty();
        assertThat(JsonObjects.parse("")).isEmpty();
        assertThat(JsonObjects.parse("[".repeat(100_000))).isEmpty();
    }

    @Test
    void nestingUpToTheLimitIsParsed() {
        String deep = "{\"a\":" + "[".repeat(JsonObjects.MAX_DEPTH - 1) + "]".repeat(JsonObjects.MAX_DEPTH - 1) + "}";
        assertThat(JsonObjects.parse(deep)).isPresent();
    }

    @Test
    void nestingBeyondTheLimitIsRefusedBeforeParsing() {
        String deeper = "{\"a\":" + "[".repeat(JsonObjects.MAX_DEPTH) + "]".repeat(JsonObjects.MAX_DEPTH) + "}";
        assertThat(JsonObjects.parse(deeper)).isEmpty();
        String thousands = "{\"sub\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(JsonObjects.parse(thousands)).isEmpty();
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String text = "{\"a\":\"" + "[{".repeat(100) + "\\\"[\"}";
        assertThat(JsonObjects.parse(text)).hasValueSatisfying(map -> assertThat(map).containsKey("a"));
    }
}
