package dev.tokengate.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON parser for everything tokengate reads: token headers and claims, key sets, discovery documents and
 * the issuer's introspection and userinfo answers. RFC 8259 exactly, through jackson-core's streaming parser with
 * none of its leniencies switched on (shaded into the jar, so no application's Jackson can clash with it), plus the
 * rules RFC 8259 leaves to implementations, chosen strictly:
 * <ul>
 * <li>the text is UTF-8, checked by the JDK's strict decoder (no overlong forms, no encoded surrogates, nothing past
 *     U+10FFFF), with no byte order mark;</li>
 * <li>object member names are unique (compared after unescaping);</li>
 * <li>strings hold no unpaired surrogate, not even one written as a <code>&#92;u</code> escape: it has no UTF-8 form, so two
 *     parties could read it differently;</li>
 * <li>nesting is at most {@value #MAX_DEPTH} levels deep, and the whole text is bounded by the caller;</li>
 * <li>an integer is a {@link Long}, or a {@link BigInteger} beyond that range: exact, never wrapped; a number with a
 *     fraction or an exponent is a {@link Double}, and one beyond a double's range is refused rather than read as
 *     infinity or as zero.</li>
 * </ul>
 * Objects become insertion-ordered unmodifiable maps, arrays unmodifiable lists (JSON {@code null} is {@code null}).
 * Every failure is a {@link MalformedJsonException} without text from the input.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * Deeper nesting than this is refused: no token, key set or issuer answer needs it, and every consumer of the
     * parsed values (claim conversion, JSON-P, toString) recurses over them.
     */
    public static final int MAX_DEPTH = 64;

    /** Longer numbers than this are refused: a 1000-digit integer is no time, size or identifier anybody sends. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    /**
     * A JSON text that must be an object.
     *
     * @param utf8 the text's bytes
     * @return the object, or empty when the text is not exactly one well-formed JSON object
     */
    public static Optional<Map<String, Object>> object(byte[] utf8) {
        try {
            return parse(utf8) instanceof Map<?, ?> map ? Optional.of(cast(map)) : Optional.empty();
        } catch (MalformedJsonException malformed) {
            return Optional.empty();
        }
    }

    /**
     * A JSON text that must be an object, given as characters (configuration text).
     *
     * @param text the text
     * @return the object, or empty when the text is not exactly one well-formed JSON object
     */
    public static Optional<Map<String, Object>> object(String text) {
        try {
            return parse(text) instanceof Map<?, ?> map ? Optional.of(cast(map)) : Optional.empty();
        } catch (MalformedJsonException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Any JSON text.
     *
     * @param utf8 the text's bytes
     * @return its value: a map, list, string, number, boolean, or {@code null} for JSON {@code null}
     * @throws MalformedJsonException when the bytes are not exactly one JSON text by the rules above
     */
    public static Object parse(byte[] utf8) throws MalformedJsonException {
        if (!isAsciiWithoutNul(utf8)) {
            checkUtf8(utf8);
        }
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            return document(parser);
        } catch (IOException | RuntimeException malformed) {
            throw MalformedJsonException.INSTANCE;
        } catch (StackOverflowError tooDeep) {
            throw MalformedJsonException.INSTANCE;
        }
    }

    /**
     * Any JSON text, given as characters.
     *
     * @param text the text
     * @return its value, as {@link #parse(byte[])} gives it
     * @throws MalformedJsonException when the text is not exactly one JSON text by the rules above
     */
    public static Object parse(String text) throws MalformedJsonException {
        if (text.isEmpty() || text.charAt(0) == '\uFEFF') {
            throw MalformedJsonException.INSTANCE;
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            return document(parser);
        } catch (IOException | RuntimeException malformed) {
            throw MalformedJsonException.INSTANCE;
        } catch (StackOverflowError tooDeep) {
            throw MalformedJsonException.INSTANCE;
        }
    }

    private static Object document(JsonParser parser) throws IOException, MalformedJsonException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw MalformedJsonException.INSTANCE;
        }
        Object value = value(parser, first);
        if (parser.nextToken() != null) {
            throw MalformedJsonException.INSTANCE;
        }
        return value;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException, MalformedJsonException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> string(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> decimal(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw MalformedJsonException.INSTANCE;
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException, MalformedJsonException {
        Map<String, Object> members = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = string(parser.currentName());
            members.put(name, value(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw MalformedJsonException.INSTANCE;
        }
        return Collections.unmodifiableMap(members);
    }

    private static List<Object> array(JsonParser parser) throws IOException, MalformedJsonException {
        List<Object> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw MalformedJsonException.INSTANCE;
            }
            items.add(value(parser, token));
        }
        return Collections.unmodifiableList(items);
    }

    private static Object integer(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT, LONG -> parser.getLongValue();
            default -> parser.getBigIntegerValue();
        };
    }

    private static Double decimal(JsonParser parser) throws IOException, MalformedJsonException {
        double value = parser.getDoubleValue();
        if (Double.isInfinite(value) || Double.isNaN(value) || value == 0.0 && hasNonZeroDigit(parser.getText())) {
            throw MalformedJsonException.INSTANCE;
        }
        return value;
    }

    /** Whether a number's significand has a digit other than zero: then reading it as 0.0 lost it all. */
    private static boolean hasNonZeroDigit(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Refuses a string with an unpaired surrogate, which only a <code>&#92;u</code> escape can have produced. */
    private static String string(String text) throws MalformedJsonException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw MalformedJsonException.INSTANCE;
                }
            }
        }
        return text;
    }

    /**
     * The common case, checked in one pass. A NUL byte can never be part of a JSON text (control characters in strings
     * must be escaped), and refusing it matters: jackson-core guesses UTF-16 or UTF-32 from zero bytes among the
     * first four, so {@code 34 00 00 00} would otherwise be read as the number 4 in UTF-32LE.
     */
    private static boolean isAsciiWithoutNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The JDK's decoder is strict about every form RFC 3629 forbids; a byte order mark and NUL bytes are refused too,
     * so jackson-core's encoding detection always lands on UTF-8.
     */
    private static void checkUtf8(byte[] bytes) throws MalformedJsonException {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw MalformedJsonException.INSTANCE;
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw MalformedJsonException.INSTANCE;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException invalid) {
            throw MalformedJsonException.INSTANCE;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
