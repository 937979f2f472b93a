package dev.tokengate.internal.config;

/** A configuration mistake found at startup. The message names the property and says what is wrong with it. */
public final class ConfigurationException extends RuntimeException {
    private final String property;

    public ConfigurationException(String property, String problem) {
        super("tokengate: " + property + " " + problem);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
