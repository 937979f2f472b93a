package dev.tokengate.web;

import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.KeySource;
import dev.tokengate.internal.metrics.IssuerMetrics;
import dev.tokengate.internal.metrics.TokengateMetrics;
import java.util.ArrayList;
import java.util.List;

import dev.tokengate.internal.config.TokengateConfig.DPoPSettings;
import dev.tokengate.internal.dpop.DPoPStores;
import dev.tokengate.internal.dpop.DPoPVerifier;
import dev.tokengate.internal.dpop.ProofValidator;

import dev.tokengate.internal.jwt.IssuerRouter;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tokengate.TokenValidator;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.ConfigurationException;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.config.TokengateConfig.IssuerQuerySettings;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.http.OidcDiscovery;
import dev.tokengate.internal.jwt.JwtValidator;
import dev.tokengate.internal.jwt.JwtValidators;
import dev.tokengate.internal.opaque.IntrospectedJwts;
import dev.tokengate.internal.opaque.IntrospectionValidator;
import dev.tokengate.internal.opaque.IssuerEndpoint;
import dev.tokengate.internal.opaque.UserinfoValidator;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root: tokengate's pipeline (resolve, validate, expose) built from its configuration, once per
 * application. Everything it builds is immutable afterwards; nothing here runs per request.
 */
final class PipelineAssembly {
    private PipelineAssembly() {
    }

    /**
     * Builds the standard pipeline; key text that holds no usable key is a {@link ConfigurationException}.
     *
     * @param config the application's configuration, as checked at startup
     * @param clock  the clock every time rule and cache reads
     * @return the application's runtime
     */
    static TokengateRuntime assemble(TokengateConfig config, Clock clock) {
        return assemble(config, clock, true);
    }

    /**
     * @param metadataServed whether the RFC 9728 document will be served (the initializer registers its servlet; the
     *                       {@code web.xml} route cannot), so that challenges point to it only then
     */
    static TokengateRuntime assemble(TokengateConfig config, Clock clock, boolean metadataServed) {
        IssuerHttpClient http = new IssuerHttpClient(config.http());
        TokengateMetrics metrics = metricsFor(config, clock);
        IssuerMetrics defaultMetrics = metrics.forIssuer(VerifiedToken.DEFAULT_ISSUER);
        OidcDiscovery discovery = config.discoveryDocument()
                .map(uri -> new OidcDiscovery(uri, config.jwt().issuer(), http)).orElse(null);
        IssuerQuerySettings queries = config.issuerQueries();
        boolean introspectsJwts = queries.jwtIntrospection() != IssuerQuerySettings.JwtIntrospection.NEVER;
        JwtValidator jwtValidator = JwtValidators.fromSettings(config.jwt(), config.accessClaims(), config,
                http, clock, discovery, defaultMetrics, introspectsJwts);
        // The userinfo endpoint validates opaque tokens in userinfo mode, and serves CallerProfile in every mode.
        Optional<UserinfoValidator> userinfo = queries.validation() == IssuerQuerySettings.OpaqueValidation.USERINFO
                || queries.userinfoEndpoint().isPresent() || discovery != null
                ? Optional.of(userinfoValidator(config, http, discovery, clock, defaultMetrics)) : Optional.empty();
        // one introspection (one cache) for opaque tokens and JWTs alike
        IntrospectionValidator introspection = queries.validation() == IssuerQuerySettings.OpaqueValidation.INTROSPECTION
                || introspectsJwts ? new IntrospectionValidator(
                    endpoint(queries.introspectionEndpoint(), discovery, "introspection_endpoint", PropertyNames.INTROSPECTION_ENDPOINT),
                    queries, config.jwt().issuer(), config.jwt().audiences(), config.jwt().clockSkew(), config.accessClaims(),
                    http, clock, config.retryAfter(), defaultMetrics) : null;
        TokenValidator opaqueValidator = switch (queries.validation()) {
            case NONE -> new OpaqueTokenRejector();
            case INTROSPECTION -> introspection;
            case USERINFO -> userinfo.orElseThrow();
        };
        DPoPActivation activation = new DPoPActivation(config.dpop().policy());
        TokenValidator jwts = jwtValidators(config, jwtValidator, http, clock, metrics);
        if (introspectsJwts) {
            jwts = new IntrospectedJwts(jwts, introspection, queries.jwtIntrospection(), config.jwt().audiences(),
                    config.accessClaims());
        }
        TokenValidator validator = new TokenTypeDispatcher(jwts, opaqueValidator);
        return new TokengateRuntime(config, validator,
                new RequestAuthenticator(new Rfc6750TokenResolver(config.tokenLocations(),
                        request -> activation.active(request.getServletContext())),
                        validator, RejectionLog.standard(), senderConstraints(config, clock), metrics,
                        new IssuerAttribution(config)),
                new ProtectedPaths(config.filter().protectedPaths()),
                new Challenges(config.realm(), config.dpop()),
                activation,
                new CallerProfiles(userinfo),
                metadataServed && config.resourceMetadata().enabled() ? new ResourceMetadata(config) : null,
                clock,
                metrics,
                http);
    }

    /** Series for the default issuer and each named one; readiness waits for the keys of those that fetch them. */
    private static TokengateMetrics metricsFor(TokengateConfig config, Clock clock) {
        List<String> names = new ArrayList<>();
        List<Boolean> fetchesKeys = new ArrayList<>();
        names.add(VerifiedToken.DEFAULT_ISSUER);
        fetchesKeys.add(fetchesKeys(config.jwt()));
        for (TokengateConfig.NamedIssuer named : config.namedIssuers()) {
            names.add(named.name());
            fetchesKeys.add(fetchesKeys(named.jwt()));
        }
        return new TokengateMetrics(names, fetchesKeys, clock);
    }

    private static boolean fetchesKeys(TokengateConfig.JwtSettings jwt) {
        return jwt.keySource() instanceof KeySource.RemoteJwks || jwt.keySource() instanceof KeySource.Discovery;
    }

    private static SenderConstraints senderConstraints(TokengateConfig config, Clock clock) {
        DPoPSettings dpop = config.dpop();
        // built whatever the policy: a resource may require DPoP where the application leaves it off
        DPoPVerifier verifier = new DPoPVerifier(new ProofValidator(dpop.algorithms(), dpop.proofMaxAge(),
                dpop.clockSkew()), DPoPStores.find(dpop), dpop.nonces(), dpop.acceptanceWindow(), clock);
        return new SenderConstraints(dpop.policy(), verifier, config.clientCertificate(),
                new RequestOrigin(config.resourceMetadata().trustForwardedHeaders()));
    }

    /**
     * The default issuer's validator alone, or, with {@code tokengate.issuers}, a router to it and one validator per
     * named issuer (its own keys, caches and limits). Opaque tokens cannot be routed by content: the default issuer's
     * introspection or userinfo validates them.
     */
    private static TokenValidator jwtValidators(TokengateConfig config, JwtValidator defaultIssuer, IssuerHttpClient http,
                                                Clock clock, TokengateMetrics metrics) {
        if (config.namedIssuers().isEmpty()) {
            return defaultIssuer;
        }
        Map<String, JwtValidator> byIssuer = new LinkedHashMap<>();
        byIssuer.put(config.jwt().issuer(), defaultIssuer);
        for (TokengateConfig.NamedIssuer named : config.namedIssuers()) {
            byIssuer.put(named.jwt().issuer(),
                    JwtValidators.fromSettings(named.jwt(), named.access(), config, http, clock, null,
                            metrics.forIssuer(named.name())));
        }
        return new IssuerRouter(byIssuer);
    }

    private static UserinfoValidator userinfoValidator(TokengateConfig config, IssuerHttpClient http,
                                                       OidcDiscovery discovery, Clock clock, IssuerMetrics metrics) {
        return new UserinfoValidator(
                endpoint(config.issuerQueries().userinfoEndpoint(), discovery, "userinfo_endpoint", PropertyNames.USERINFO_ENDPOINT),
                config.issuerQueries(), config.accessClaims(), http, clock, config.retryAfter(), metrics);
    }

    private static IssuerEndpoint endpoint(Optional<URI> configured, OidcDiscovery discovery, String discoveryName,
                                           String property) {
        if (configured.isPresent()) {
            return new IssuerEndpoint.Configured(configured.get());
        }
        if (discovery == null) {
            throw new ConfigurationException(property, "is not set, and the issuer is not a URL to discover it from");
        }
        return new IssuerEndpoint.Discovered(discovery, discoveryName);
    }
}
