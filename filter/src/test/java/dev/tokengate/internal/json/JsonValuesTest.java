package dev.tokengate.internal.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonValuesTest {

    @Test
    void nestedObjectsAndArraysBecomeJsonP() {
        JsonValue value = JsonValues.of(Map.of("roles", List.of("a", "b"), "level", 2L));
        assertThat(value).isInstanceOf(JsonObject.class);
        JsonObject object = (JsonObject) value;
        assertThat(object.getJsonArray("roles").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .containsExactly("a", "b");
        assertThat(object.getJsonNumber("level").longValue()).isEqualTo(2L);
    }

    @Test
    void numbersKeepTheirPrecision() {
        BigInteger large = new BigInteger("123456789012345678901234567890");
        assertThat(((JsonNumber) JsonValues.of(large)).bigIntegerValue()).isEqualTo(large);
        assertThat(((JsonNumber) JsonValues.of(1.5d)).doubleValue()).isEqualTo(1.5d);
    }

    @Test
    void aNumberNoDoubleCanHoldIsJsonNullNotAnException() {
        assertThat(JsonValues.of(Double.POSITIVE_INFINITY)).isEqualTo(JsonValue.NULL);
    }

    @Test
    void booleansAndNullAreJsonConstants() {
        assertThat(JsonValues.of(true)).isEqualTo(JsonValue.TRUE);
        assertThat(JsonValues.of(null)).isEqualTo(JsonValue.NULL);
        assertThat(JsonValues.of(List.of())).isInstanceOf(JsonArray.class);
    }
}
