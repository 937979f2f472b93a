package dev.tokengate.internal.metrics.export;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Optional;

/**
 * Finds the application's bean of a type, where the application has CDI. Callers catch {@link LinkageError}: on a
 * servlet container without CDI this class cannot even be linked.
 */
final class CdiBeans {
    private CdiBeans() {
    }

    /** The one bean of {@code type}; empty without CDI, without such a bean, or with several. */
    static <T> Optional<T> find(Class<T> type) {
        try {
            Instance<T> beans = CDI.current().select(type);
            return beans.isResolvable() ? Optional.of(beans.get()) : Optional.empty();
        } catch (IllegalStateException noContainer) {
            return Optional.empty();
        }
    }
}
