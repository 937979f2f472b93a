package dev.tokengate.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fails a test class when the server logged, while the class ran, a record at WARN or above that concerns tokengate
 * or the libraries it brings (smallrye-jwt, jose4j). A class that provokes warnings on purpose (an issuer that is
 * down) names them with {@link ExpectedWarnings}. The log is the file the run's server writes ({@value #PROPERTY}, set
 * per failsafe execution); only what was appended after the class started is read.
 */
public final class ServerLog implements BeforeAllCallback, AfterAllCallback {
    public static final String PROPERTY = "tokengate.it.server-log";

    /** What tokengate and its libraries put in a record: logger names and tokengate's own message prefix. */
    private static final Pattern CONCERNS_US = Pattern.compile("dev\\.tokengate|tokengate[:-]|smallrye|jose4j|HttpClient-\\d",
            Pattern.CASE_INSENSITIVE);
    /**
     * A record's level as each server writes it on its first line: {@code [WARNING]}/{@code [SEVERE]} (Payara,
     * GlassFish, the embedded servers' JUL file), {@code WARN}/{@code ERROR} (WildFly), {@code  W }/{@code  E }
     * after the logger (Open Liberty's messages.log).
     */
    private static final Pattern WARN_OR_ABOVE = Pattern.compile(
            "\\[(WARNING|SEVERE)]|\\b(WARN|ERROR|FATAL)\\b| [WE] ");
    /** A record starts with a timestamp or a bracket; continuation lines (stack frames, wrapped text) do not. */
    private static final Pattern RECORD_START = Pattern.compile("^(\\[|\\d{2}[:\\-/. ]|\\d{4}-)");

    /** Terminal colour codes, which Payara Micro puts around levels even in its log file. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerLog.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path log = logFile();
        context.getStore(NAMESPACE).put("offset", log != null && Files.exists(log) ? Files.size(log) : 0L);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Path log = logFile();
        if (log == null || !Files.exists(log)) {
            return;
        }
        long offset = context.getStore(NAMESPACE).getOrDefault("offset", Long.class, 0L);
        List<Pattern> expected = context.getTestClass()
                .map(type -> type.getAnnotation(ExpectedWarnings.class))
                .map(annotation -> Arrays.stream(annotation.value()).map(Pattern::compile).toList())
                .orElse(List.of());
        List<String> unexpected = new ArrayList<>();
        for (String record : records(ANSI_ESCAPE.matcher(read(log, offset)).replaceAll(""))) {
            String firstLine = record.lines().findFirst().orElse("");
            if (WARN_OR_ABOVE.matcher(firstLine).find() && CONCERNS_US.matcher(record).find()
                    && expected.stream().noneMatch(p -> p.matcher(record).find())) {
                unexpected.add(record.length() > 2000 ? record.substring(0, 2000) + " ..." : record);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new AssertionError(TestServers.current().name().toLowerCase(Locale.ROOT) + " logged "
                    + unexpected.size() + " warning(s) about tokengate while " + context.getDisplayName() + " ran ("
                    + log + "):\n" + String.join("\n", unexpected));
        }
    }

    private static Path logFile() {
        String path = System.getProperty(PROPERTY);
        return path == null || path.isBlank() ? null : Paths.get(path);
    }

    /** What {@code log} holds past {@code offset} (all of it when the file was rotated or recreated; "" when absent). */
    static String read(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = offset <= file.length() ? offset : 0; // a rotated or recreated log: read it all
            byte[] bytes = new byte[(int) Math.min(file.length() - start, 64L * 1024 * 1024)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static List<String> records(String text) {
        List<String> records = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (RECORD_START.matcher(line).find() && current.length() > 0) {
                records.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append('\n');
        }
        if (current.length() > 0) {
            records.add(current.toString());
        }
        return records;
    }
}
