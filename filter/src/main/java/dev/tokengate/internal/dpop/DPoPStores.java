package dev.tokengate.internal.dpop;

import dev.tokengate.DPoPStore;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.TokengateConfig.DPoPSettings;

import java.util.List;
import java.util.ServiceLoader;

/** The application's {@link DPoPStore}: the one it names as a service, or the in-memory default. */
public final class DPoPStores {
    private DPoPStores() {
    }

    public static DPoPStore find(DPoPSettings settings) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        List<DPoPStore> provided;
        try {
            provided = ServiceLoader.load(DPoPStore.class, application).stream().map(ServiceLoader.Provider::get).toList();
        } catch (java.util.ServiceConfigurationError broken) {
            throw new ConfigurationException(PropertyNames.DPOP_POLICY, "is on, but the DPoPStore named in"
                    + " META-INF/services/dev.tokengate.DPoPStore cannot be loaded: " + broken.getMessage());
        }
        if (provided.size() > 1) {
            throw new ConfigurationException(PropertyNames.DPOP_POLICY, "is on, and META-INF/services names "
                    + provided.size() + " DPoPStore implementations; keep one");
        }
        return provided.isEmpty()
                ? new InMemoryDPoPStore(settings.replayCacheMaxEntries(), settings.nonceLifetime())
                : provided.get(0);
    }
}
