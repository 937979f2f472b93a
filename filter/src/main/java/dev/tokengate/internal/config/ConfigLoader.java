package dev.tokengate.internal.config;

import static dev.tokengate.internal.config.PropertyNames.*;

import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.claims.ClaimPath;
import dev.tokengate.internal.claims.RoleClaims;
import dev.tokengate.internal.claims.ScopeClaims;
import dev.tokengate.internal.claims.StepUpRequirement;
import dev.tokengate.internal.config.TokengateConfig.FilterSettings;
import dev.tokengate.internal.config.TokengateConfig.HttpSettings;
import dev.tokengate.internal.config.TokengateConfig.JwksSettings;
import dev.tokengate.internal.config.TokengateConfig.JwtSettings;
import dev.tokengate.internal.config.TokengateConfig.ResourceMetadataSettings;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.config.TokengateConfig.TokenLocations;
import dev.tokengate.internal.config.TokengateConfig.DPoPSettings;
import dev.tokengate.internal.config.TokengateConfig.ClientCertificateSettings;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the configuration once, at startup. Every mistake it can see becomes a
 * {@link ConfigurationException} naming the property, so a bad deployment fails at once instead of rejecting every
 * request later.
 */
public final class ConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");
    private static final Pattern REALM_TEXT = Pattern.compile("[\\x20-\\x7E&&[^\"\\\\]]{1,200}");

    private final PropertySource properties;
    private final ClassLoader classLoader;

    public ConfigLoader(PropertySource properties, ClassLoader classLoader) {
        this.properties = properties;
        this.classLoader = classLoader;
    }

    public TokengateConfig load() {
        HttpSettings http = new HttpSettings(
                positiveDuration(CONNECT_TIMEOUT, Duration.ofSeconds(2)),
                positiveDuration(READ_TIMEOUT, Duration.ofSeconds(5)),
                positiveInt(MAX_RESPONSE_SIZE, 1024 * 1024),
                bool(ALLOW_INSECURE_HTTP, false));
        List<String> urlPatterns = urlPatterns(URL_PATTERNS, List.of("/*"));
        List<String> protectedPaths = urlPatterns(PROTECTED_PATHS, List.of());
        for (String path : protectedPaths) {
            if (urlPatterns.stream().noneMatch(pattern -> covers(pattern, path))) {
                throw new ConfigurationException(PROTECTED_PATHS, "holds " + path + ", which the filter is not mapped to ("
                        + URL_PATTERNS + "): requests there would never be checked");
            }
        }
        return new TokengateConfig(
                realm(),
                new FilterSettings(bool(AUTO_REGISTER, true), urlPatterns, protectedPaths, protectedPathsStepUp(),
                        bool(ROLE_ANNOTATIONS, true),
                        bool(CONTAINER_AUTHENTICATION, false)),
                tokenLocations(),
                jwt(http),
                new JwksSettings(positiveDuration(JWKS_REFRESH, Duration.ofMinutes(5)),
                        positiveDuration(JWKS_UNKNOWN_KID, Duration.ofSeconds(30))),
                http,
                positiveDuration(RETRY_AFTER, Duration.ofSeconds(10)),
                new ScopeClaims(list(SCOPE_CLAIMS).orElse(ScopeClaims.DEFAULT.claimNames())),
                roleClaims(),
                issuerQueries(http),
                resourceMetadata(),
                namedIssuers(http),
                dpop(),
                clientCertificate(),
                new TokengateConfig.MonitoringSettings(bool(JMX, true), bool(METRICS, true),
                        positiveDuration(HEALTH_FAILURE_THRESHOLD, Duration.ofSeconds(60))));
    }

    /** Asymmetric algorithms only: a proof's key is the client's public key, so an HMAC proof cannot exist. */
    static final List<String> DPOP_DEFAULT_ALGORITHMS = List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512",
            "RS256", "RS384", "RS512", "EdDSA");

    private DPoPSettings dpop() {
        DPoPSettings.Policy policy = switch (string(DPOP_POLICY).orElse("disabled").toLowerCase(Locale.ROOT)) {
            case "disabled" -> DPoPSettings.Policy.DISABLED;
            case "allowed" -> DPoPSettings.Policy.ALLOWED;
            case "required" -> DPoPSettings.Policy.REQUIRED;
            default -> throw new ConfigurationException(DPOP_POLICY, "must be disabled, allowed or required");
        };
        List<String> algorithms = list(DPOP_ALGORITHMS).orElse(DPOP_DEFAULT_ALGORITHMS);
        for (String algorithm : algorithms) {
            Optional<JwsAlgorithm> known = JwsAlgorithm.named(algorithm);
            if (known.isEmpty()) {
                throw new ConfigurationException(DPOP_ALGORITHMS, "names " + algorithm + ", which is not a JWS"
                        + " algorithm tokengate knows (none is never accepted)");
            }
            if (known.get().family() == JwsAlgorithm.Family.HMAC) {
                throw new ConfigurationException(DPOP_ALGORITHMS, "names " + algorithm + ": a DPoP proof is signed"
                        + " with the client's private key, so only asymmetric algorithms can be accepted");
            }
        }
        Duration skew = duration(CLOCK_SKEW, Duration.ofSeconds(60));
        return new DPoPSettings(policy, new LinkedHashSet<>(algorithms),
                positiveDuration(DPOP_PROOF_MAX_AGE, Duration.ofSeconds(60)), skew,
                bool(DPOP_NONCES, false), positiveDuration(DPOP_NONCE_LIFETIME, Duration.ofMinutes(5)),
                positiveInt(DPOP_REPLAY_CACHE_SIZE, 1_000_000));
    }

    private ClientCertificateSettings clientCertificate() {
        Optional<String> header = string(CLIENT_CERTIFICATE_HEADER).map(String::trim).filter(name -> !name.isEmpty());
        List<String> proxies = list(CLIENT_CERTIFICATE_TRUSTED_PROXIES).orElse(List.of());
        if (header.isPresent() && !header.get().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new ConfigurationException(CLIENT_CERTIFICATE_HEADER, "is not an HTTP header name");
        }
        if (header.isPresent() && proxies.isEmpty()) {
            throw new ConfigurationException(CLIENT_CERTIFICATE_TRUSTED_PROXIES, "is not set: the certificate header"
                    + " is believed only from the proxies listed here, or any client could claim any certificate");
        }
        if (header.isEmpty() && !proxies.isEmpty()) {
            throw new ConfigurationException(CLIENT_CERTIFICATE_HEADER, "is not set, so the trusted proxies in "
                    + CLIENT_CERTIFICATE_TRUSTED_PROXIES + " would be trusted for nothing");
        }
        for (String proxy : proxies) {
            if (!LITERAL_ADDRESS.matcher(proxy).matches()) {
                throw new ConfigurationException(CLIENT_CERTIFICATE_TRUSTED_PROXIES, "holds " + proxy + ": list the"
                        + " proxies' IP addresses as the server sees them (no host names, no ranges)");
            }
        }
        return new ClientCertificateSettings(header, new LinkedHashSet<>(proxies));
    }

    private static final Pattern LITERAL_ADDRESS = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}");

    private RoleClaims roleClaims() {
        List<ClaimPath> paths = new ArrayList<>();
        for (String path : list(ROLE_CLAIMS).orElse(List.of("groups"))) {
            try {
                paths.add(ClaimPath.parse(path));
            } catch (IllegalArgumentException malformed) {
                throw new ConfigurationException(ROLE_CLAIMS, "has " + malformed.getMessage());
            }
        }
        Map<String, Set<String>> mapping = new LinkedHashMap<>();
        for (String entry : list(ROLE_MAP).orElse(List.of())) {
            int equals = entry.indexOf('=');
            String group = equals < 0 ? "" : entry.substring(0, equals).trim();
            String role = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (group.isEmpty() || role.isEmpty()) {
                throw new ConfigurationException(ROLE_MAP, "has \"" + entry + "\": write group=role, comma-separated");
            }
            mapping.computeIfAbsent(group, key -> new LinkedHashSet<>()).add(role);
        }
        return new RoleClaims(paths, mapping, bool(ROLES_INCLUDE_SCOPES, false));
    }

    private IssuerQuerySettings issuerQueries(HttpSettings http) {
        IssuerQuerySettings.OpaqueValidation validation = switch (string(OPAQUE_VALIDATION).orElse("none").toLowerCase(Locale.ROOT)) {
            case "none" -> IssuerQuerySettings.OpaqueValidation.NONE;
            case "introspection" -> IssuerQuerySettings.OpaqueValidation.INTROSPECTION;
            case "userinfo" -> IssuerQuerySettings.OpaqueValidation.USERINFO;
            default -> throw new ConfigurationException(OPAQUE_VALIDATION, "must be none, introspection or userinfo");
        };
        Optional<URI> introspection = string(INTROSPECTION_ENDPOINT)
                .map(value -> httpUri(INTROSPECTION_ENDPOINT, value, http, "is not an http(s) URL"));
        Optional<URI> userinfo = string(USERINFO_ENDPOINT)
                .map(value -> httpUri(USERINFO_ENDPOINT, value, http, "is not an http(s) URL"));
        IssuerQuerySettings.JwtIntrospection jwtIntrospection = switch (string(JWT_INTROSPECT).orElse("never")
                .toLowerCase(Locale.ROOT)) {
            case "never" -> IssuerQuerySettings.JwtIntrospection.NEVER;
            case "always" -> IssuerQuerySettings.JwtIntrospection.ALWAYS;
            case "when-lightweight" -> IssuerQuerySettings.JwtIntrospection.WHEN_LIGHTWEIGHT;
            default -> throw new ConfigurationException(JWT_INTROSPECT, "must be never, always or when-lightweight");
        };
        String clientId = string(INTROSPECTION_CLIENT_ID).orElse("");
        Optional<String> secret = string(INTROSPECTION_CLIENT_SECRET);
        if (validation == IssuerQuerySettings.OpaqueValidation.INTROSPECTION
                || jwtIntrospection != IssuerQuerySettings.JwtIntrospection.NEVER) {
            if (clientId.isEmpty()) {
                throw new ConfigurationException(INTROSPECTION_CLIENT_ID, "is not set: introspection needs this API's"
                        + " client credentials at the issuer");
            }
            if (secret.isEmpty()) {
                throw new ConfigurationException(INTROSPECTION_CLIENT_SECRET, "is not set: introspection needs this"
                        + " API's client credentials at the issuer");
            }
        }
        IssuerQuerySettings.ClientAuthentication clientAuth = switch (string(INTROSPECTION_CLIENT_AUTH)
                .orElse("client_secret_basic").toLowerCase(Locale.ROOT)) {
            case "client_secret_basic" -> IssuerQuerySettings.ClientAuthentication.CLIENT_SECRET_BASIC;
            case "client_secret_post" -> IssuerQuerySettings.ClientAuthentication.CLIENT_SECRET_POST;
            default -> throw new ConfigurationException(INTROSPECTION_CLIENT_AUTH,
                    "must be client_secret_basic or client_secret_post");
        };
        return new IssuerQuerySettings(validation, introspection, userinfo, clientId, secret, clientAuth,
                duration(OPAQUE_CACHE_TTL, Duration.ofSeconds(60)), duration(OPAQUE_NEGATIVE_TTL, Duration.ofSeconds(10)),
                positiveInt(OPAQUE_CACHE_SIZE, 10_000), jwtIntrospection);
    }

    private String realm() {
        String realm = string(REALM).orElse("api");
        if (!REALM_TEXT.matcher(realm).matches()) {
            throw new ConfigurationException(REALM, "must be 1 to 200 printable ASCII characters without '\"' or '\\'");
        }
        return realm;
    }

    private TokenLocations tokenLocations() {
        String header = string(TOKEN_HEADER).orElse("Authorization");
        if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new ConfigurationException(TOKEN_HEADER, "is not a valid HTTP header name");
        }
        String cookie = string(TOKEN_COOKIE).orElse("Bearer");
        int maxLength = positiveInt(MAX_TOKEN_LENGTH, 8192);
        return new TokenLocations(header, cookie, bool(FORM_PARAMETER, false), bool(QUERY_PARAMETER, false), maxLength);
    }

    private JwtSettings jwt(HttpSettings http) {
        String issuer = string(ISSUER).orElseThrow(() -> new ConfigurationException(ISSUER,
                "is not set: set it to the issuer (iss) of the access tokens this API accepts"));

        Set<String> audiences = list(AUDIENCES).map(Set::copyOf).orElse(Set.of());
        boolean audienceCheck = bool(AUDIENCE_CHECK, true);
        if (audienceCheck && audiences.isEmpty()) {
            throw new ConfigurationException(AUDIENCES, "is not set: set it to this API's audience (the aud the issuer"
                    + " puts in its access tokens), or set " + AUDIENCE_CHECK + "=false to accept tokens for any audience");
        }
        if (!audienceCheck && !audiences.isEmpty()) {
            throw new ConfigurationException(AUDIENCE_CHECK, "is false but " + AUDIENCES + " is set: choose one");
        }

        Set<String> algorithms = algorithms();
        Optional<String> secret = string(SECRET);
        boolean hmac = JwsAlgorithm.anyOf(algorithms, JwsAlgorithm.Family.HMAC);
        if (hmac && secret.isEmpty()) {
            throw new ConfigurationException(SECRET, "is not set, but an HMAC algorithm is allowed: HMAC tokens are"
                    + " verified only with a configured secret, never with a public key");
        }
        if (secret.isPresent()) {
            int bytes = secret.get().getBytes(StandardCharsets.UTF_8).length;
            int needed = algorithms.stream().map(JwsAlgorithm::named).flatMap(Optional::stream)
                    .mapToInt(JwsAlgorithm::minimumSecretBytes).max().orElse(0);
            needed = Math.max(needed, JwsAlgorithm.HS256.minimumSecretBytes());
            if (bytes < needed) {
                throw new ConfigurationException(SECRET, "is too short: the allowed HMAC algorithms need at least "
                        + needed + " bytes");
            }
        }

        return new JwtSettings(issuer, audiences, algorithms, keySource(issuer, http, JwsAlgorithm.allOf(algorithms, JwsAlgorithm.Family.HMAC)), secret,
                duration(CLOCK_SKEW, Duration.ofSeconds(60)),
                optionalDuration(TOKEN_AGE), optionalDuration(MAX_LIFETIME),
                bool(REQUIRE_AT_JWT, false), nonNegativeInt(VERIFIED_CACHE_SIZE, 10_000));
    }

    private Set<String> algorithms() {
        Optional<List<String>> configured = list(ALGORITHMS);
        String property = ALGORITHMS;
        if (configured.isEmpty()) {
            configured = list(PUBLIC_KEY_ALGORITHM);
            property = PUBLIC_KEY_ALGORITHM;
        }
        List<String> names = configured.orElse(List.of("RS256"));
        Set<String> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            if (JwsAlgorithm.named(name).isEmpty()) {
                throw new ConfigurationException(property, "names an unknown or forbidden algorithm; allowed are "
                        + String.join(", ", JwsAlgorithm.names().stream().sorted().toList()));
            }
            algorithms.add(name);
        }
        return algorithms;
    }

    private KeySource keySource(String issuer, HttpSettings http, boolean hmacOnly) {
        Optional<String> location = string(PUBLIC_KEY_LOCATION);
        Optional<String> inline = string(PUBLIC_KEY);
        if (location.isPresent() && inline.isPresent()) {
            throw new ConfigurationException(PUBLIC_KEY, "and " + PUBLIC_KEY_LOCATION + " are both set: set only one");
        }
        if (inline.isPresent()) {
            return new KeySource.Static(inline.get(), PUBLIC_KEY);
        }
        if (location.isPresent()) {
            return fromLocation(location.get(), http);
        }
        if (hmacOnly) {
            return new KeySource.SecretOnly();
        }
        URI discovery = httpUri(ISSUER, TokengateConfig.discoveryDocumentOf(issuer), http,
                "is not an http(s) URL, so no keys can be discovered from it: set " + PUBLIC_KEY_LOCATION
                        + " or " + PUBLIC_KEY);
        return new KeySource.Discovery(discovery);
    }

    private KeySource fromLocation(String location, HttpSettings http) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https:") || lower.startsWith("http:")) {
            return new KeySource.RemoteJwks(httpUri(PUBLIC_KEY_LOCATION, location, http, "is not a valid URL"));
        }
        if (lower.startsWith("file:")) {
            try {
                return new KeySource.Static(Files.readString(Path.of(new URI(location)), StandardCharsets.UTF_8),
                        PUBLIC_KEY_LOCATION);
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                throw new ConfigurationException(PUBLIC_KEY_LOCATION, "names a file that cannot be read");
            }
        }
        String resource = lower.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        resource = resource.replaceFirst("^/+", "");
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException(PUBLIC_KEY_LOCATION, "names a class-path resource that does not exist");
            }
            return new KeySource.Static(new String(in.readAllBytes(), StandardCharsets.UTF_8), PUBLIC_KEY_LOCATION);
        } catch (IOException e) {
            throw new ConfigurationException(PUBLIC_KEY_LOCATION, "names a class-path resource that cannot be read");
        }
    }

    private static URI httpUri(String property, String value, HttpSettings http, String problem) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(property, problem);
        }
        if (!IssuerUrlPolicy.isHttpUrl(uri)) {
            throw new ConfigurationException(property, problem);
        }
        if (!IssuerUrlPolicy.permits(uri, http.allowInsecureHttp())) {
            throw new ConfigurationException(property, "uses plain http to a host that is not loopback: use https, or set "
                    + ALLOW_INSECURE_HTTP + "=true if the network is trusted");
        }
        return uri;
    }

    private List<String> urlPatterns(String property, List<String> defaults) {
        List<String> patterns = list(property).orElse(defaults);
        for (String pattern : patterns) {
            boolean valid = pattern.equals("/") || pattern.equals("/*")
                    || (pattern.startsWith("/") && !pattern.contains("*"))
                    || (pattern.startsWith("/") && pattern.endsWith("/*") && pattern.indexOf('*') == pattern.length() - 1)
                    || (pattern.startsWith("*.") && pattern.indexOf('/') < 0 && pattern.lastIndexOf('*') == 0);
            if (!valid) {
                throw new ConfigurationException(property, "holds a pattern that is not a servlet URL pattern"
                        + " (/exact, /prefix/*, *.extension or /*)");
            }
        }
        return patterns;
    }

    /** Whether every request that servlet pattern {@code inner} matches is also matched by {@code outer}. */
    static boolean covers(String outer, String inner) {
        if (outer.equals("/*") || outer.equals("/") || outer.equals(inner)) {
            return true;
        }
        if (outer.endsWith("/*")) {
            String prefix = outer.substring(0, outer.length() - 2);
            String innerBase = inner.endsWith("/*") ? inner.substring(0, inner.length() - 2) : inner;
            return innerBase.startsWith("/") && (innerBase.equals(prefix) || innerBase.startsWith(prefix + "/"));
        }
        return false;
    }

    private static final Pattern ISSUER_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * The issuers {@code tokengate.issuers} names, each read through {@link IssuerProperties} with this loader's own
     * rules, so a named issuer is checked exactly as the default one and a mistake names its own property. Names are
     * lower-case letters, digits and single hyphens (they are part of property names, and of environment variables as
     * {@code TOKENGATE_ISSUER_<NAME>_...}); an issuer URL may be trusted once only.
     */
    private List<TokengateConfig.NamedIssuer> namedIssuers(HttpSettings http) {
        List<String> names = list(ISSUERS).orElse(List.of());
        List<TokengateConfig.NamedIssuer> issuers = new ArrayList<>();
        Set<String> urls = new LinkedHashSet<>();
        string(ISSUER).ifPresent(urls::add);
        for (String name : names) {
            if (!ISSUER_NAME.matcher(name).matches() || name.equals(dev.tokengate.VerifiedToken.DEFAULT_ISSUER)) {
                throw new ConfigurationException(ISSUERS, "holds \"" + name + "\", which is not an issuer name: lower-case"
                        + " letters, digits and single hyphens, and not \"default\"");
            }
            if (issuers.stream().anyMatch(known -> known.name().equals(name))) {
                throw new ConfigurationException(ISSUERS, "names " + name + " twice");
            }
            IssuerProperties own = new IssuerProperties(name, properties);
            ConfigLoader loader = new ConfigLoader(own, classLoader);
            try {
                JwtSettings jwt = loader.jwt(http);
                if (!urls.add(jwt.issuer())) {
                    throw new ConfigurationException(ISSUER, "is the issuer of another configured issuer: a token's iss"
                            + " must lead to exactly one");
                }
                AccessClaims access = new AccessClaims(
                        new ScopeClaims(loader.list(SCOPE_CLAIMS).orElse(ScopeClaims.DEFAULT.claimNames())),
                        loader.roleClaims(), name);
                issuers.add(new TokengateConfig.NamedIssuer(name, jwt, access));
            } catch (ConfigurationException mistake) {
                throw own.renamed(mistake);
            }
        }
        return issuers;
    }

    /** RFC 9728: on unless switched off; everything else optional. */
    private ResourceMetadataSettings resourceMetadata() {
        Optional<URI> resource = string(RESOURCE_METADATA_RESOURCE).map(value -> {
            URI uri = parsedUri(RESOURCE_METADATA_RESOURCE, value);
            // RFC 9728 §1.2: an https URL with no fragment (http is let through for loopback and development).
            if (!uri.isAbsolute() || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getRawFragment() != null || uri.getRawQuery() != null || uri.getHost() == null
                    || !isQuoteSafe(value)) {
                throw new ConfigurationException(RESOURCE_METADATA_RESOURCE, "must be an https URL without query or"
                        + " fragment (RFC 9728 §1.2)");
            }
            return uri;
        });
        List<String> scopes = list(RESOURCE_METADATA_SCOPES).orElse(List.of());
        for (String scope : scopes) {
            if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                throw new ConfigurationException(RESOURCE_METADATA_SCOPES, "holds a value that is not a scope name"
                        + " (RFC 6749 §3.3)");
            }
        }
        Optional<URI> documentation = string(RESOURCE_METADATA_DOCUMENTATION).map(value -> {
            URI uri = parsedUri(RESOURCE_METADATA_DOCUMENTATION, value);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new ConfigurationException(RESOURCE_METADATA_DOCUMENTATION, "must be an absolute URL");
            }
            return uri;
        });
        return new ResourceMetadataSettings(bool(RESOURCE_METADATA, true), resource, scopes,
                string(RESOURCE_METADATA_NAME), documentation, bool(TRUST_FORWARDED_HEADERS, false));
    }

    private static URI parsedUri(String property, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(property, "is not a valid URL");
        }
    }

    /** Goes into a quoted challenge attribute as it is: printable ASCII without quotes or backslashes. */
    private static boolean isQuoteSafe(String value) {
        return value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\');
    }

    /** RFC 9470 demands on the login behind tokens sent to the protected paths: none unless configured. */
    private StepUpRequirement protectedPathsStepUp() {
        List<String> acrValues = list(PROTECTED_PATHS_ACR_VALUES).orElse(List.of());
        Optional<Duration> maxAge = optionalDuration(PROTECTED_PATHS_MAX_AGE);
        if ((!acrValues.isEmpty() || maxAge.isPresent()) && list(PROTECTED_PATHS).isEmpty()) {
            throw new ConfigurationException(acrValues.isEmpty() ? PROTECTED_PATHS_MAX_AGE : PROTECTED_PATHS_ACR_VALUES,
                    "applies to " + PROTECTED_PATHS + ", which is not set: it would demand nothing anywhere");
        }
        try {
            return new StepUpRequirement(new LinkedHashSet<>(acrValues), maxAge);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(PROTECTED_PATHS_ACR_VALUES, "holds a value that cannot be sent in a"
                    + " challenge: printable ASCII without spaces, quotes or backslashes");
        }
    }

    private Optional<String> string(String name) {
        return properties.get(name);
    }

    private Optional<List<String>> list(String name) {
        return string(name).map(value -> Arrays.stream(value.split(","))
                .map(String::trim).filter(item -> !item.isEmpty()).toList())
                .filter(items -> !items.isEmpty());
    }

    private boolean bool(String name, boolean defaultValue) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(name, "must be true or false");
        };
    }

    private int positiveInt(String name, int defaultValue) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(name, "must be a positive whole number");
    }

    private int nonNegativeInt(String name, int defaultValue) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException(name, "must be a whole number, 0 or more");
    }

    /** A duration where zero would mean a busy loop or an instant failure: refused. */
    private Duration positiveDuration(String name, Duration defaultValue) {
        Duration value = duration(name, defaultValue);
        if (value.isZero()) {
            throw new ConfigurationException(name, "must be more than zero");
        }
        return value;
    }

    private Duration duration(String name, Duration defaultValue) {
        return optionalDuration(name).orElse(defaultValue);
    }

    /** Whole seconds as MicroProfile JWT writes them ({@code 60}), or with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    private Optional<Duration> optionalDuration(String name) {
        return string(name).map(value -> {
            Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new ConfigurationException(name, "must be a duration: seconds, or a number with ms, s, m or h");
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        });
    }
}
