package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.RejectionReason;
import dev.tokengate.internal.json.StrictJson;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A JWS in compact serialization (RFC 7515 §7.1), parsed strictly: three base64url segments without padding,
 * whitespace or non-canonical trailing bits; a header that is a JSON object without duplicate names in valid UTF-8.
 * The payload is decoded but not parsed here: {@link #claims()} parses it, for the issuer check (only to refuse) and,
 * after the signature, for the claim rules.
 */
public record CompactJws(String token, JwsHeader header, byte[] payload, byte[] signature, byte[] ascii,
                         int signingInputLength) {

    /** Whether a token has the shape of a compact JWS (two dots); anything else is treated as an opaque token. */
    public static boolean hasJwsShape(String token) {
        int first = token.indexOf('.');
        if (first < 0) {
            return false;
        }
        int second = token.indexOf('.', first + 1);
        return second >= 0 && token.indexOf('.', second + 1) < 0;
    }

    public static CompactJws parse(String token) throws TokenRejection {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || second == first + 1 || token.indexOf('.', second + 1) >= 0) {
            throw malformed();
        }
        // One copy of the token as bytes serves the three decodes and the signing input; each character is checked
        // to be base64url (or one of the two dots) first, so the ISO-8859-1 conversion never loses anything.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerBytes = decode(token, ascii, 0, first);
        byte[] payload = decode(token, ascii, first + 1, second);
        byte[] signature = decode(token, ascii, second + 1, token.length());
        Map<String, Object> headerJson = StrictJson.object(headerBytes).orElseThrow(CompactJws::malformed);
        return new CompactJws(token, JwsHeader.of(headerJson), payload, signature, ascii, second);
    }

    /** The ASCII bytes the signature covers: {@code BASE64URL(header) '.' BASE64URL(payload)}. */
    public byte[] signingInput() {
        return Arrays.copyOf(ascii, signingInputLength);
    }

    /** The payload as a JSON object: authentic only once the signature checked out. */
    public Map<String, Object> claims() throws TokenRejection {
        Optional<Map<String, Object>> claims = StrictJson.object(payload);
        if (claims.isEmpty()) {
            throw new TokenRejection(RejectionReason.MALFORMED_CLAIMS);
        }
        return claims.get();
    }

    private static byte[] decode(String token, byte[] ascii, int from, int to) throws TokenRejection {
        int length = to - from;
        if (length % 4 == 1) {
            throw malformed();
        }
        int lastValue = 0;
        for (int i = from; i < to; i++) {
            int value = base64UrlValue(token.charAt(i));
            if (value < 0) {
                throw malformed();
            }
            lastValue = value;
        }
        // Canonical encoding: the bits after the last whole byte must be zero, so each byte string has one spelling.
        if (length % 4 == 2 && (lastValue & 0x0F) != 0 || length % 4 == 3 && (lastValue & 0x03) != 0) {
            throw malformed();
        }
        ByteBuffer decoded = Base64.getUrlDecoder().decode(ByteBuffer.wrap(ascii, from, length));
        byte[] array = decoded.array();
        return decoded.arrayOffset() == 0 && decoded.remaining() == array.length
                ? array : Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                decoded.arrayOffset() + decoded.limit());
    }

    private static int base64UrlValue(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }

    private static TokenRejection malformed() {
        return new TokenRejection(RejectionReason.MALFORMED_TOKEN);
    }
}
