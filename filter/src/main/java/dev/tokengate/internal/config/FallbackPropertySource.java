package dev.tokengate.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * For servers without MicroProfile Config: system properties, then environment variables (with MicroProfile Config's
 * name mapping: {@code mp.jwt.verify.issuer} is also found as {@code mp_jwt_verify_issuer} and
 * {@code MP_JWT_VERIFY_ISSUER}), then the application's {@code META-INF/microprofile-config.properties}, the ordinals
 * MicroProfile Config gives these three.
 */
final class FallbackPropertySource implements PropertySource {
    private final Properties systemProperties;
    private final Map<String, String> environment;
    private final Properties applicationProperties;

    FallbackPropertySource(Properties systemProperties, Map<String, String> environment, Properties applicationProperties) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.applicationProperties = applicationProperties;
    }

    static FallbackPropertySource forClassLoader(ClassLoader classLoader) {
        return new FallbackPropertySource(System.getProperties(), System.getenv(), applicationProperties(classLoader));
    }

    private static Properties applicationProperties(ClassLoader classLoader) {
        Properties properties = new Properties();
        URL resource = classLoader.getResource("META-INF/microprofile-config.properties");
        if (resource != null) {
            try (InputStream in = resource.openStream()) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("tokengate: cannot read " + resource, e);
            }
        }
        return properties;
    }

    @Override
    public Optional<String> get(String name) {
        String value = systemProperties.getProperty(name);
        if (value == null) {
            value = fromEnvironment(name);
        }
        if (value == null) {
            value = applicationProperties.getProperty(name);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String fromEnvironment(String name) {
        String value = environment.get(name);
        if (value != null) {
            return value;
        }
        String sanitized = name.replaceAll("[^A-Za-z0-9]", "_");
        value = environment.get(sanitized);
        return value != null ? value : environment.get(sanitized.toUpperCase(Locale.ROOT));
    }
}
