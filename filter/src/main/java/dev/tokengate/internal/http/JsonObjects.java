package dev.tokengate.internal.http;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.util.Map;
import java.util.Optional;

/**
 * jose4j's JSON parsing (duplicate names refused, objects only), made total: every way a hostile text can make that
 * parser fail, including the {@code java.lang.Error} its lexer throws on some malformed escapes, is an empty result,
 * so client input can never surface as a 500. Only the JVM's own exhaustion errors pass through.
 */
public final class JsonObjects {
    private JsonObjects() {
    }

    /**
     * Deeper nesting than this is refused before parsing: no token, key set or issuer answer needs it, and every
     * consumer of the parsed values (claim conversion, JSON-P, toString) recurses over them.
     */
    static final int MAX_DEPTH = 64;

    public static Optional<Map<String, Object>> parse(String json) {
        if (json == null || nestedDeeperThan(json, MAX_DEPTH)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonUtil.parseJson(json));
        } catch (JoseException | RuntimeException malformed) {
            return Optional.empty();
        } catch (StackOverflowError tooDeep) {
            return Optional.empty();
        } catch (VirtualMachineError exhausted) {
            throw exhausted;
        } catch (Error lexerError) {
            return Optional.empty();
        }
    }

    /** One pass over the text, skipping string contents (and their escapes). */
    static boolean nestedDeeperThan(String json, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }
}
