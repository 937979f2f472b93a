package dev.tokengate.internal.metrics.export;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.Optional;

/**
 * Gets the server's MicroProfile Metrics application registry by injection: servers produce the registry from the
 * injection point's annotations (Payara's producer fails on a bare {@code CDI.current().select}, which has none). An
 * {@link Instance}, so that an application carrying the API without an implementation still deploys. A bean only where
 * the API exists: {@code OptionalBeansExtension} adds it then; bean scanning never sees this package.
 */
@Dependent
public class ApplicationRegistry {
    @Inject
    Instance<MetricRegistry> registries;

    Optional<MetricRegistry> registry() {
        return registries.isResolvable() ? Optional.of(registries.get()) : Optional.empty();
    }
}
