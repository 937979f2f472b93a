package dev.tokengate.internal.config;

/**
 * Every configuration property tokengate reads: the MicroProfile JWT names it honours, then its own under
 * {@code tokengate.}. Their meaning and defaults are in the README's configuration table; {@link ConfigLoader} reads
 * and checks them.
 */
public final class PropertyNames {
    private PropertyNames() {
    }

    public static final String ISSUER = "mp.jwt.verify.issuer";
    public static final String AUDIENCES = "mp.jwt.verify.audiences";
    public static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    public static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    public static final String PUBLIC_KEY_ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    public static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    public static final String TOKEN_AGE = "mp.jwt.verify.token.age";
    public static final String TOKEN_HEADER = "mp.jwt.token.header";
    public static final String TOKEN_COOKIE = "mp.jwt.token.cookie";

    public static final String AUDIENCE_CHECK = "tokengate.verify.audience-check";
    public static final String ALGORITHMS = "tokengate.verify.algorithms";
    public static final String SECRET = "tokengate.verify.secret";
    public static final String MAX_LIFETIME = "tokengate.verify.max-lifetime";
    public static final String REQUIRE_AT_JWT = "tokengate.verify.require-at-jwt-type";
    public static final String VERIFIED_CACHE_SIZE = "tokengate.jwt.cache.max-entries";
    public static final String FORM_PARAMETER = "tokengate.token.form-parameter";
    public static final String QUERY_PARAMETER = "tokengate.token.query-parameter";
    public static final String MAX_TOKEN_LENGTH = "tokengate.token.max-length";
    public static final String REALM = "tokengate.realm";
    public static final String AUTO_REGISTER = "tokengate.filter.auto-register";
    public static final String URL_PATTERNS = "tokengate.filter.url-patterns";
    public static final String PROTECTED_PATHS = "tokengate.protected-paths";
    public static final String PROTECTED_PATHS_ACR_VALUES = "tokengate.protected-paths.acr-values";
    public static final String PROTECTED_PATHS_MAX_AGE = "tokengate.protected-paths.max-age";
    public static final String SCOPE_CLAIMS = "tokengate.scope-claims";
    public static final String ROLE_CLAIMS = "tokengate.roles.claims";
    public static final String ROLE_MAP = "tokengate.roles.map";
    public static final String ROLES_INCLUDE_SCOPES = "tokengate.roles.include-scopes";
    public static final String ROLE_ANNOTATIONS = "tokengate.jaxrs.role-annotations";
    public static final String CONTAINER_AUTHENTICATION = "tokengate.container-authentication";
    public static final String ISSUERS = "tokengate.issuers";
    /** Followed by an issuer's name and one of {@link IssuerProperties}'s suffixes. */
    public static final String ISSUER_PREFIX = "tokengate.issuer.";
    public static final String RESOURCE_METADATA = "tokengate.resource-metadata.enabled";
    public static final String RESOURCE_METADATA_RESOURCE = "tokengate.resource-metadata.resource";
    public static final String RESOURCE_METADATA_SCOPES = "tokengate.resource-metadata.scopes";
    public static final String RESOURCE_METADATA_NAME = "tokengate.resource-metadata.resource-name";
    public static final String RESOURCE_METADATA_DOCUMENTATION = "tokengate.resource-metadata.resource-documentation";
    public static final String TRUST_FORWARDED_HEADERS = "tokengate.trust-forwarded-headers";
    public static final String DPOP_POLICY = "tokengate.dpop.policy";
    public static final String DPOP_ALGORITHMS = "tokengate.dpop.algorithms";
    public static final String DPOP_PROOF_MAX_AGE = "tokengate.dpop.proof-max-age";
    public static final String DPOP_NONCES = "tokengate.dpop.nonces";
    public static final String DPOP_NONCE_LIFETIME = "tokengate.dpop.nonce-lifetime";
    public static final String DPOP_REPLAY_CACHE_SIZE = "tokengate.dpop.replay-cache.max-entries";
    public static final String CLIENT_CERTIFICATE_HEADER = "tokengate.client-certificate.header";
    public static final String CLIENT_CERTIFICATE_TRUSTED_PROXIES = "tokengate.client-certificate.trusted-proxies";
    public static final String JMX = "tokengate.jmx.enabled";
    public static final String METRICS = "tokengate.metrics.enabled";
    public static final String HEALTH_FAILURE_THRESHOLD = "tokengate.health.failure-threshold";
    public static final String JWKS_REFRESH = "tokengate.jwks.refresh-interval";
    public static final String JWKS_UNKNOWN_KID = "tokengate.jwks.unknown-kid-interval";
    public static final String RETRY_AFTER = "tokengate.retry-after";
    public static final String CONNECT_TIMEOUT = "tokengate.http.connect-timeout";
    public static final String READ_TIMEOUT = "tokengate.http.read-timeout";
    public static final String MAX_RESPONSE_SIZE = "tokengate.http.max-response-size";
    public static final String ALLOW_INSECURE_HTTP = "tokengate.http.allow-insecure";
    public static final String OPAQUE_VALIDATION = "tokengate.opaque.validation";
    public static final String JWT_INTROSPECT = "tokengate.jwt.introspect";
    public static final String INTROSPECTION_ENDPOINT = "tokengate.introspection.endpoint";
    public static final String INTROSPECTION_CLIENT_ID = "tokengate.introspection.client-id";
    public static final String INTROSPECTION_CLIENT_SECRET = "tokengate.introspection.client-secret";
    public static final String INTROSPECTION_CLIENT_AUTH = "tokengate.introspection.client-auth";
    public static final String USERINFO_ENDPOINT = "tokengate.userinfo.endpoint";
    public static final String OPAQUE_CACHE_TTL = "tokengate.opaque.cache.ttl";
    public static final String OPAQUE_NEGATIVE_TTL = "tokengate.opaque.cache.negative-ttl";
    public static final String OPAQUE_CACHE_SIZE = "tokengate.opaque.cache.max-entries";
}
