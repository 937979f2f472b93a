package dev.tokengate.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A named issuer's configuration seen as if it were the default issuer's: {@code tokengate.issuer.<name>.audiences}
 * answers for {@code mp.jwt.verify.audiences}, and so on, so that {@link ConfigLoader} reads and checks a named issuer
 * exactly as it does the default one. Names without an issuer-specific form (HTTP timeouts, JWKS intervals, ...)
 * are the application's, shared by all issuers. A setting of the default issuer is never inherited: unset here means
 * the documented default.
 */
final class IssuerProperties implements PropertySource {
    /** The default issuer's property, and the suffix of the named issuer's own. */
    static final Map<String, String> SUFFIXES = suffixes();

    private final String prefix;
    private final PropertySource application;

    IssuerProperties(String name, PropertySource application) {
        this.prefix = PropertyNames.ISSUER_PREFIX + name + ".";
        this.application = application;
    }

    private static Map<String, String> suffixes() {
        Map<String, String> suffixes = new LinkedHashMap<>();
        suffixes.put(PropertyNames.ISSUER, "issuer");
        suffixes.put(PropertyNames.AUDIENCES, "audiences");
        suffixes.put(PropertyNames.AUDIENCE_CHECK, "audience-check");
        suffixes.put(PropertyNames.PUBLIC_KEY_LOCATION, "publickey.location");
        suffixes.put(PropertyNames.PUBLIC_KEY, "publickey");
        suffixes.put(PropertyNames.PUBLIC_KEY_ALGORITHM, "publickey.algorithm");
        suffixes.put(PropertyNames.ALGORITHMS, "algorithms");
        suffixes.put(PropertyNames.SECRET, "secret");
        suffixes.put(PropertyNames.CLOCK_SKEW, "clock-skew");
        suffixes.put(PropertyNames.TOKEN_AGE, "token-age");
        suffixes.put(PropertyNames.MAX_LIFETIME, "max-lifetime");
        suffixes.put(PropertyNames.REQUIRE_AT_JWT, "require-at-jwt-type");
        suffixes.put(PropertyNames.VERIFIED_CACHE_SIZE, "cache.max-entries");
        suffixes.put(PropertyNames.SCOPE_CLAIMS, "scope-claims");
        suffixes.put(PropertyNames.ROLE_CLAIMS, "roles.claims");
        suffixes.put(PropertyNames.ROLE_MAP, "roles.map");
        suffixes.put(PropertyNames.ROLES_INCLUDE_SCOPES, "roles.include-scopes");
        return Map.copyOf(suffixes);
    }

    @Override
    public Optional<String> get(String name) {
        String suffix = SUFFIXES.get(name);
        return suffix == null ? application.get(name) : application.get(prefix + suffix);
    }

    /** The named issuer's own name for a default issuer's property (others are unchanged). */
    String ownName(String property) {
        String suffix = SUFFIXES.get(property);
        return suffix == null ? property : prefix + suffix;
    }

    /** The same mistake, told with the named issuer's property names. */
    ConfigurationException renamed(ConfigurationException mistake) {
        String problem = mistake.getMessage().substring(("tokengate: " + mistake.property() + " ").length());
        for (String property : SUFFIXES.keySet()) {
            problem = problem.replace(property, ownName(property));
        }
        return new ConfigurationException(ownName(mistake.property()), problem);
    }
}
