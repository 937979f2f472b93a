package dev.tokengate.jwt;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Locates the third-party test vectors in {@code shared/testdata}, which lives beside the project root (CI clones the
 * project to some folder and copies {@code shared/} next to it). The vectors are never copied into the project, and a
 * missing folder fails the test rather than skipping it: a silently empty run proves nothing.
 */
final class SharedTestData {
    private SharedTestData() {
    }

    /** {@code <parent of project root>/shared/testdata}, found by walking up from the working directory. */
    static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isProjectRoot(dir)) {
                Path testdata = dir.resolveSibling("shared").resolve("testdata");
                if (!Files.isDirectory(testdata)) {
                    throw new IllegalStateException("third-party test vectors missing: expected " + testdata
                            + " beside the project root " + dir + " (see shared/testdata/README.md)");
                }
                return testdata;
            }
        }
        throw new IllegalStateException("no project root (a directory with .ci, or with pom.xml and filter/) above "
                + start + ", so shared/testdata cannot be located");
    }

    /** A JSON object file under {@link #root()}, parsed with jose4j (objects become maps, arrays lists). */
    static Map<String, Object> json(String relativePath) {
        Path file = root().resolve(relativePath);
        try {
            return JsonUtil.parseJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test vectors " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException("test vectors are not a JSON object: " + file, e);
        }
    }

    private static boolean isProjectRoot(Path dir) {
        return Files.isDirectory(dir.resolve(".ci"))
                || Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("filter"));
    }
}
