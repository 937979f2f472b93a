package dev.tokengate.internal.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    static Object parse(String json) throws MalformedJsonException {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anObjectKeepsItsMembersInOrder() throws Exception {
        Map<Object, Object> parsed = (Map<Object, Object>) parse("{\"b\":1,\"a\":\"x\",\"c\":null}");
        assertThat(parsed.keySet()).containsExactly("b", "a", "c");
        assertThat(parsed.values()).containsExactly(1L, "x", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParsedValuesCannotBeChanged() throws Exception {
        Object parsed = parse("{\"a\":[1]}");
        assertThatThrownBy(() -> ((Map<String, Object>) parsed).put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) ((Map<?, ?>) parsed).get("a")).add(2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}"})
    void aDuplicateNameIsRefusedEvenWhenSpelledDifferently(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedJsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}{}", "{\"a\":", "", " ", "{'a':1}", "{\"a\":01}", "[1,]",
            "{\"a\":\"\\x\"}", "{\"a\":NaN}", "{\"a\":1}/**/", "{\"a\":\"tab\there\"}", "{a:1}"})
    void anythingButExactlyOneRfc8259TextIsRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void zeroWrittenWithAnExponentIsZero() throws Exception {
        assertThat(parse("[0e-400, -0.0e5]")).isEqualTo(List.of(0.0, -0.0));
    }

    @Test
    void anIntegerIsALong() throws Exception {
        assertThat(parse("[9223372036854775807, -9223372036854775808]"))
                .isEqualTo(List.of(Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @Test
    void anIntegerBeyondALongIsExactNotWrapped() throws Exception {
        assertThat(parse("[18446744073709551617,-18446744069607106816]")).isEqualTo(List.of(
                new BigInteger("18446744073709551617"), new BigInteger("-18446744069607106816")));
    }

    @Test
    void aNumberWithAFractionOrExponentIsADouble() throws Exception {
        assertThat(parse("[1.5, 1e3, -2E-2]")).isEqualTo(List.of(1.5, 1000.0, -0.02));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1e400]", "[-1e400]", "[1.5e999999]", "[1e-400]", "[-0.5e-99999]"})
    void aNumberBeyondADoublesRangeIsRefusedNotInfiniteOrZero(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void aNumberLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> parse("[" + "9".repeat(StrictJson.MAX_NUMBER_LENGTH + 1) + "]"))
                .isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void nestingUpToTheLimitIsParsed() throws Exception {
        assertThat(parse("[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH))).isInstanceOf(List.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {StrictJson.MAX_DEPTH + 1, 5000, 100_000})
    void nestingBeyondTheLimitIsRefused(int depth) {
        assertThatThrownBy(() -> parse("[".repeat(depth) + "]".repeat(depth))).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void bracketsInsideStringsAreText() throws Exception {
        String text = "[{".repeat(100) + "\"";
        assertThat(parse("{\"a\":\"" + "[{".repeat(100) + "\\\"\"}")).isEqualTo(Map.of("a", text));
    }

    @Test
    void escapedSurrogatePairsBecomeOneCharacter() throws Exception {
        assertThat(parse("[\"\\uD834\\uDD1E\"]")).isEqualTo(List.of("\uD834\uDD1E"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"\\uD800\"]", "[\"\\uDD1E\"]", "[\"\\uD800x\"]", "{\"\\uDFAA\":0}", "[\"\\uD800\\uD800\"]"})
    void anUnpairedSurrogateIsRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedJsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"22C0AF22", "22EDA08022", "22F4BFBFBF22", "22FF22", "22C322", "EFBBBF7B7D"})
    void bytesThatAreNotStrictUtf8AreRefused(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> StrictJson.parse(bytes)).isInstanceOf(MalformedJsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"34000000", "00000034", "3400", "0034", "7B7D00", "22C3A90022"})
    void aNulByteIsRefusedSoNoOtherEncodingIsGuessed(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> StrictJson.parse(bytes)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void multiByteUtf8IsRead() throws Exception {
        assertThat(parse("[\"Zoë 🔑\"]")).isEqualTo(List.of("Zoë 🔑"));
    }

    @Test
    void textWithAByteOrderMarkIsRefused() {
        assertThatThrownBy(() -> StrictJson.parse("\uFEFF{}")).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void objectIsEmptyForAnyOtherValue() {
        assertThat(StrictJson.object("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(StrictJson.object("\"{}\"")).isEmpty();
    }

    @Test
    void theFailureCarriesNoInputAndNoStackTrace() {
        assertThatThrownBy(() -> parse("{\"secret-token\":"))
                .satisfies(thrown -> {
                    assertThat(thrown.getMessage()).doesNotContain("secret");
                    assertThat(thrown.getStackTrace()).isEmpty();
                });
    }
}
