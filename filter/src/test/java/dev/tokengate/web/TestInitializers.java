package dev.tokengate.web;

import dev.tokengate.internal.config.PropertySource;

/** Gives the test servers of other packages an initializer with their own configuration instead of the application's. */
public final class TestInitializers {
    private TestInitializers() {
    }

    /**
     * @param properties the configuration every application started with it reads
     * @return an initializer reading {@code properties}
     */
    public static TokengateInitializer reading(PropertySource properties) {
        return new TokengateInitializer(classLoader -> properties);
    }
}
