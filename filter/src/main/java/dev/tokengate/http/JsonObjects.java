package dev.tokengate.http;

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

    public static Optional<Map<String, Object>> parse(String json) {
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
}
