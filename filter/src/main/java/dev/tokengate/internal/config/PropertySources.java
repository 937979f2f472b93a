package dev.tokengate.internal.config;

/** Picks the application's property source: MicroProfile Config where the server has it, else the fallback. */
public final class PropertySources {
    private PropertySources() {
    }

    public static PropertySource forApplication(ClassLoader classLoader) {
        try {
            return MicroProfilePropertySource.forClassLoader(classLoader)
                    .orElseGet(() -> FallbackPropertySource.forClassLoader(classLoader));
        } catch (LinkageError noMicroProfileConfigApi) {
            return FallbackPropertySource.forClassLoader(classLoader);
        }
    }
}
