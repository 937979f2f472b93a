package dev.tokengate.http;

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
}
