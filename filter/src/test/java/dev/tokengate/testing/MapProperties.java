package dev.tokengate.testing;

import dev.tokengate.internal.config.PropertySource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Configuration for a test, as a map. */
public final class MapProperties implements PropertySource {
    private final Map<String, String> values = new HashMap<>();

    public static MapProperties of(String... pairs) {
        MapProperties properties = new MapProperties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.values.put(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    public MapProperties with(String name, String value) {
        MapProperties copy = new MapProperties();
        copy.values.putAll(values);
        if (value == null) {
            copy.values.remove(name);
        } else {
            copy.values.put(name, value);
        }
        return copy;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
