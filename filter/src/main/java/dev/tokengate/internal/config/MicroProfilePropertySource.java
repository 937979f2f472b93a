package dev.tokengate.internal.config;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/** Reads MicroProfile Config, which also covers system properties, environment variables and the WAR's own file. */
final class MicroProfilePropertySource implements PropertySource {
    private final Config config;

    private MicroProfilePropertySource(Config config) {
        this.config = config;
    }

    /**
     * The application's MicroProfile Config, or empty when the server has none. Loading this class is what fails
     * where the API is missing; {@link PropertySources} catches that.
     */
    static Optional<PropertySource> forClassLoader(ClassLoader classLoader) {
        try {
            return Optional.of(new MicroProfilePropertySource(ConfigProvider.getConfig(classLoader)));
        } catch (IllegalStateException | java.util.ServiceConfigurationError noImplementation) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> get(String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }
}
