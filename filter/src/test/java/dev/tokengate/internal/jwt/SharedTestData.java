package dev.tokengate.internal.jwt;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The third-party test vectors, kept in the project under {@code src/test/resources/testvectors} with their licences
 * and source commits (see the README there). A missing file fails the test rather than skipping it: a silently empty
 * run proves nothing.
 */
final class SharedTestData {
    private static final String ROOT = "/testvectors/";

    private SharedTestData() {
    }

    /** A JSON object file under {@code testvectors/}, parsed with jose4j (objects become maps, arrays lists). */
    static Map<String, Object> json(String relativePath) {
        String resource = ROOT + relativePath;
        try (InputStream in = SharedTestData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test vectors missing from the test class path: " + resource);
            }
            return JsonUtil.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test vectors " + resource, e);
        } catch (JoseException e) {
            throw new IllegalStateException("test vectors are not a JSON object: " + resource, e);
        }
    }
}
