package dev.tokengate.internal.config;

import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.internal.claims.RoleClaims;
import dev.tokengate.internal.claims.ScopeClaims;
import dev.tokengate.internal.claims.StepUpRequirement;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything tokengate was configured with, read and checked once at startup. {@code retryAfter} is the
 * {@code Retry-After} of every 503 (an unreachable JWKS, introspection or userinfo endpoint), and how long calls to a
 * failing issuer back off at most.
 */
public record TokengateConfig(
        String realm,
        FilterSettings filter,
        TokenLocations tokenLocations,
        JwtSettings jwt,
        JwksSettings jwks,
        HttpSettings http,
        Duration retryAfter,
        ScopeClaims scopeClaims,
        RoleClaims roleClaims,
        IssuerQuerySettings issuerQueries,
        ResourceMetadataSettings resourceMetadata,
        List<NamedIssuer> namedIssuers,
        DPoPSettings dpop,
        ClientCertificateSettings clientCertificate,
        MonitoringSettings monitoring) {

    public TokengateConfig {
        namedIssuers = List.copyOf(namedIssuers);
    }

    /** @return how scopes and roles are read from a validated token */
    public AccessClaims accessClaims() {
        return new AccessClaims(scopeClaims, roleClaims);
    }

    /**
     * How the filter is installed, which paths it guards itself (and what login they demand, RFC 9470), whether the binding enforces role annotations, and
     * whether the container is told who the caller is (a Jakarta Authentication module).
     */
    public record FilterSettings(boolean autoRegister, List<String> urlPatterns, List<String> protectedPaths,
                                 StepUpRequirement protectedPathsStepUp, boolean roleAnnotations,
                                 boolean containerAuthentication) {
        public FilterSettings {
            urlPatterns = List.copyOf(urlPatterns);
            protectedPaths = List.copyOf(protectedPaths);
        }
    }

    /**
     * A further trusted issuer ({@code tokengate.issuers}), beside the default one the {@code mp.jwt.*} properties
     * define: its own rules for JWTs and its own claims for scopes and roles. Keys, caches, unknown-kid limits and
     * back-off are its own too, since each gets a validator of its own.
     *
     * @param name   its name in {@code tokengate.issuers}
     * @param jwt    its JWT rules ({@code tokengate.issuer.<name>.*})
     * @param access where its tokens carry scopes and roles
     */
    public record NamedIssuer(String name, JwtSettings jwt, AccessClaims access) {
    }

    /**
     * RFC 9728 protected resource metadata: whether the document is served and challenges point to it, the resource
     * identifier (empty: derived from each request), the scopes named beside those the application's annotations
     * demand, the optional human-facing name and documentation URL, and whether {@code Forwarded} /
     * {@code X-Forwarded-*} headers are trusted when deriving the identifier.
     */
    public record ResourceMetadataSettings(boolean enabled, Optional<URI> resource, List<String> scopes,
                                           Optional<String> resourceName, Optional<URI> resourceDocumentation,
                                           boolean trustForwardedHeaders) {
        public ResourceMetadataSettings {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * Where the token may be: a header ({@code Authorization} with the Bearer scheme, or any other header holding the
     * bare token), or a cookie when the header name is {@code Cookie}; the form body and query only when enabled.
     */
    public record TokenLocations(String headerName, String cookieName, boolean formParameter, boolean queryParameter,
                                 int maxTokenLength) {
        public boolean fromCookie() {
            return "Cookie".equalsIgnoreCase(headerName);
        }

        public boolean fromAuthorizationHeader() {
            return "Authorization".equalsIgnoreCase(headerName);
        }
    }

    /** The rules a JWT access token must pass. */
    public record JwtSettings(
            String issuer,
            Set<String> audiences,
            Set<String> algorithms,
            KeySource keySource,
            Optional<String> hmacSecret,
            Duration clockSkew,
            Optional<Duration> maxTokenAge,
            Optional<Duration> maxLifetime,
            boolean requireAtJwtType,
            int verifiedCacheSize) {
        public JwtSettings {
            audiences = Set.copyOf(audiences);
            algorithms = Set.copyOf(algorithms);
        }

        /** An empty set means the audience check was switched off on purpose. */
        public boolean checksAudience() {
            return !audiences.isEmpty();
        }

        @Override
        public String toString() {
            // The secret stays out of every log line that prints a configuration.
            return "JwtSettings[issuer=" + issuer + ", audiences=" + audiences + ", algorithms=" + algorithms
                    + ", keySource=" + keySource + ", hmacSecret=" + (hmacSecret.isPresent() ? "(set)" : "(none)")
                    + ", clockSkew=" + clockSkew + ", maxTokenAge=" + maxTokenAge + ", maxLifetime=" + maxLifetime
                    + ", requireAtJwtType=" + requireAtJwtType + ", verifiedCacheSize=" + verifiedCacheSize + "]";
        }
    }

    /**
     * JWKS caching: the set is refreshed every {@code refreshInterval}; a token with an unknown {@code kid} causes a
     * fetch at most once per {@code unknownKidInterval}; failed fetches are retried with back-off up to
     * {@code refreshInterval}.
     */
    public record JwksSettings(Duration refreshInterval, Duration unknownKidInterval) {
    }

    /**
     * How tokengate asks the issuer about a token, as opposed to validating it alone: whether and how opaque (non-JWT)
     * tokens are checked (not at all, by RFC 7662 introspection, or by the userinfo endpoint), the client credentials
     * for introspection, and the cache of the issuer's answers. The userinfo endpoint and that cache also serve
     * {@code CallerProfile}, for JWT callers too.
     */
    public record IssuerQuerySettings(
            OpaqueValidation validation,
            Optional<URI> introspectionEndpoint,
            Optional<URI> userinfoEndpoint,
            String clientId,
            Optional<String> clientSecret,
            ClientAuthentication clientAuthentication,
            Duration cacheTtl,
            Duration negativeCacheTtl,
            int cacheMaxEntries,
            JwtIntrospection jwtIntrospection) {

        /** Without introspection of JWTs. */
        public IssuerQuerySettings(OpaqueValidation validation, Optional<URI> introspectionEndpoint,
                                   Optional<URI> userinfoEndpoint, String clientId, Optional<String> clientSecret,
                                   ClientAuthentication clientAuthentication, Duration cacheTtl,
                                   Duration negativeCacheTtl, int cacheMaxEntries) {
            this(validation, introspectionEndpoint, userinfoEndpoint, clientId, clientSecret, clientAuthentication,
                    cacheTtl, negativeCacheTtl, cacheMaxEntries, JwtIntrospection.NEVER);
        }

        public enum OpaqueValidation { NONE, INTROSPECTION, USERINFO }

        /**
         * Which of the default issuer's JWTs are also introspected, after they passed local validation
         * ({@code tokengate.jwt.introspect}): none; all (revocation honoured); or only those without {@code aud}, as
         * Keycloak's lightweight access tokens are.
         */
        public enum JwtIntrospection { NEVER, ALWAYS, WHEN_LIGHTWEIGHT }

        public enum ClientAuthentication { CLIENT_SECRET_BASIC, CLIENT_SECRET_POST }

        @Override
        public String toString() {
            return "IssuerQuerySettings[validation=" + validation + ", introspectionEndpoint=" + introspectionEndpoint
                    + ", userinfoEndpoint=" + userinfoEndpoint + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret.isPresent() ? "(set)" : "(none)") + ", clientAuthentication=" + clientAuthentication
                    + ", cacheTtl=" + cacheTtl + ", negativeCacheTtl=" + negativeCacheTtl
                    + ", cacheMaxEntries=" + cacheMaxEntries + ", jwtIntrospection=" + jwtIntrospection + "]";
        }
    }

    /** The issuer's discovery document, when the issuer is an http(s) URL. */
    public Optional<URI> discoveryDocument() {
        String issuer = jwt.issuer();
        if (!issuer.regionMatches(true, 0, "https://", 0, 8) && !issuer.regionMatches(true, 0, "http://", 0, 7)) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(discoveryDocumentOf(issuer)));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    /** OpenID Connect Discovery 1.0 §4: {@code <issuer>/.well-known/openid-configuration}, without a doubled slash. */
    static String discoveryDocumentOf(String issuer) {
        return issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    }

    /**
     * DPoP (RFC 9449): whether the {@code DPoP} scheme is refused, accepted beside {@code Bearer}, or the only one
     * accepted; the proof algorithms accepted; how old a proof may be ({@code iat}, plus {@code clockSkew} into the
     * future); whether proofs must carry a server nonce (RFC 9449 §8) and how often it changes; and how many proofs
     * the in-memory replay cache remembers at most.
     */
    public record DPoPSettings(Policy policy, Set<String> algorithms, Duration proofMaxAge, Duration clockSkew,
                               boolean nonces, Duration nonceLifetime, int replayCacheMaxEntries) {
        public enum Policy { DISABLED, ALLOWED, REQUIRED }

        public DPoPSettings {
            // in the configured order, which challenges and metadata list them in
            algorithms = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(algorithms));
        }

        public boolean enabled() {
            return policy != Policy.DISABLED;
        }

        /**
         * How long after its {@code iat} a proof is acceptable at most ({@code iat + proofMaxAge + clockSkew}), so how
         * long its {@code jti} must be remembered.
         */
        public Duration acceptanceWindow() {
            return proofMaxAge.plus(clockSkew);
        }
    }

    /**
     * Where the client certificate of a certificate-bound token (RFC 8705) is read: the TLS connection's, or, only for
     * requests whose remote address is one of {@code trustedProxies}, the {@code header} a TLS-terminating proxy sets.
     */
    public record ClientCertificateSettings(Optional<String> header, Set<String> trustedProxies) {
        public ClientCertificateSettings {
            trustedProxies = Set.copyOf(trustedProxies);
        }
    }

    /**
     * What operators see: whether the JMX view is registered, and how long an issuer's introspection or userinfo calls
     * may fail without a success in between before readiness reports it.
     */
    public record MonitoringSettings(boolean jmx, boolean metrics, Duration failureThreshold) {
    }

    /** Calls to the issuer. */
    public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxResponseBytes,
                               boolean allowInsecureHttp) {
    }
}
