package dev.tokengate.internal.config;

import java.util.Optional;

/** Where configuration values come from. An empty value counts as unset, as in MicroProfile Config. */
@FunctionalInterface
public interface PropertySource {
    Optional<String> get(String name);
}
