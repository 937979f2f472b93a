package dev.tokengate.internal.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A claim as MicroProfile JWT types a non-standard one: a JSON-P {@link JsonValue}, converted from the parsed JSON
 * (strings, numbers, booleans, lists and maps). Needs a JSON-P implementation at run time only when application code
 * asks for such a claim; every Jakarta EE server has one, and on Tomcat or Jetty the JAX-RS JSON provider brings it.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /**
     * @param value a parsed JSON value (string, number, boolean, list, map) or {@code null}
     * @return it as JSON-P
     */
    public static JsonValue of(Object value) {
        return Provider.JSON.convert(value);
    }

    /** Looked up once, on first use: {@code JsonProvider.provider()} searches the class path on every call. */
    private static final class Provider {
        static final Provider JSON = new Provider(JsonProvider.provider());

        private final JsonProvider json;

        private Provider(JsonProvider json) {
            this.json = json;
        }

        JsonValue convert(Object value) {
            if (value == null) {
                return JsonValue.NULL;
            }
            if (value instanceof String text) {
                return json.createValue(text);
            }
            if (value instanceof Boolean flag) {
                return flag ? JsonValue.TRUE : JsonValue.FALSE;
            }
            if (value instanceof Integer || value instanceof Long) {
                return json.createValue(((Number) value).longValue());
            }
            if (value instanceof BigInteger big) {
                return json.createValue(big);
            }
            if (value instanceof BigDecimal decimal) {
                return json.createValue(decimal);
            }
            if (value instanceof Number number) {
                double d = number.doubleValue();
                // JSON has no infinity or NaN: a number too large for a double (1e400) has no faithful value here.
                return Double.isFinite(d) ? json.createValue(d) : JsonValue.NULL;
            }
            if (value instanceof Map<?, ?> map) {
                JsonObjectBuilder object = json.createObjectBuilder();
                map.forEach((name, member) -> object.add(String.valueOf(name), convert(member)));
                return object.build();
            }
            if (value instanceof List<?> list) {
                JsonArrayBuilder array = json.createArrayBuilder();
                list.forEach(item -> array.add(convert(item)));
                return array.build();
            }
            return json.createValue(String.valueOf(value));
        }
    }
}
