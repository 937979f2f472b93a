package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.ProfileUnavailableException;
import dev.tokengate.RejectionReason;
import dev.tokengate.TokenValidator;
import dev.tokengate.config.ConfigLoader;
import dev.tokengate.config.ConfigurationException;
import dev.tokengate.config.PropertySources;
import dev.tokengate.config.TokengateConfig;
import dev.tokengate.config.TokengateConfig.OpaqueSettings;
import dev.tokengate.http.IssuerHttpClient;
import dev.tokengate.http.OidcDiscovery;
import dev.tokengate.opaque.IntrospectionValidator;
import dev.tokengate.opaque.IssuerEndpoint;
import dev.tokengate.opaque.UserinfoValidator;
import dev.tokengate.jwt.JwtValidator;
import dev.tokengate.jwt.JwtValidators;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * tokengate assembled from its configuration, once per application: the token resolver, the validator pipeline, the
 * protected paths and the challenge writer's realm. Immutable after construction; shared by every request.
 */
public final class TokengateRuntime implements AutoCloseable {
    public static final String CONTEXT_ATTRIBUTE = TokengateRuntime.class.getName();
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final TokengateConfig config;
    private final BearerTokenResolver resolver;
    private final TokenValidator validator;
    private final PathPatterns protectedPaths;
    private final RejectionLog rejectionLog;
    private final Optional<UserinfoValidator> userinfo;
    private final AutoCloseable resources;

    public TokengateRuntime(TokengateConfig config, BearerTokenResolver resolver, TokenValidator validator,
                            RejectionLog rejectionLog) {
        this(config, resolver, validator, rejectionLog, Optional.empty(), () -> { });
    }

    /**
     * With the userinfo endpoint that supplies {@link CallerProfile}s, and what {@link #close()} releases (the
     * issuer client's threads).
     */
    public TokengateRuntime(TokengateConfig config, BearerTokenResolver resolver, TokenValidator validator,
                            RejectionLog rejectionLog, Optional<UserinfoValidator> userinfo, AutoCloseable resources) {
        this.userinfo = userinfo;
        this.resources = resources;
        this.config = config;
        this.resolver = resolver;
        this.validator = validator;
        this.protectedPaths = new PathPatterns(config.filter().protectedPaths());
        this.rejectionLog = rejectionLog;
    }

    /** Builds the standard pipeline; key text that holds no usable key is a {@link ConfigurationException}. */
    public static TokengateRuntime create(TokengateConfig config, Clock clock) {
        IssuerHttpClient http = new IssuerHttpClient(config.http());
        OidcDiscovery discovery = config.discoveryDocument()
                .map(uri -> new OidcDiscovery(uri, config.jwt().issuer(), http)).orElse(null);
        JwtValidator jwtValidator = JwtValidators.fromSettings(config.jwt(), config.jwks(), config.scopeClaims(),
                http, clock, discovery);
        OpaqueSettings opaque = config.opaque();
        // The userinfo endpoint validates opaque tokens in userinfo mode, and serves CallerProfile in every mode.
        Optional<UserinfoValidator> userinfo = opaque.validation() == OpaqueSettings.OpaqueValidation.USERINFO
                || opaque.userinfoEndpoint().isPresent() || discovery != null
                ? Optional.of(userinfoValidator(config, http, discovery, clock)) : Optional.empty();
        TokenValidator opaqueValidator = switch (opaque.validation()) {
            case NONE -> new OpaqueTokenRejector();
            case INTROSPECTION -> new IntrospectionValidator(
                    endpoint(opaque.introspectionEndpoint(), discovery, "introspection_endpoint", ConfigLoader.INTROSPECTION_ENDPOINT),
                    opaque, config.jwt().issuer(), config.jwt().audiences(), config.jwt().clockSkew(), config.scopeClaims(),
                    http, clock, config.jwks().retryAfter());
            case USERINFO -> userinfo.orElseThrow();
        };
        return new TokengateRuntime(config, new Rfc6750TokenResolver(config.tokenLocations()),
                new TokenTypeDispatcher(jwtValidator, opaqueValidator), RejectionLog.standard(), userinfo, http);
    }

    private static UserinfoValidator userinfoValidator(TokengateConfig config, IssuerHttpClient http,
                                                       OidcDiscovery discovery, Clock clock) {
        return new UserinfoValidator(
                endpoint(config.opaque().userinfoEndpoint(), discovery, "userinfo_endpoint", ConfigLoader.USERINFO_ENDPOINT),
                config.opaque(), http, clock, config.jwks().retryAfter());
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

    /** The runtime of an application: the one its initializer built, or a new one from its configuration. */
    public static TokengateRuntime forContext(ServletContext context) throws ServletException {
        if (context.getAttribute(CONTEXT_ATTRIBUTE) instanceof TokengateRuntime existing) {
            return existing;
        }
        try {
            ClassLoader classLoader = classLoaderOf(context);
            TokengateConfig config = new ConfigLoader(PropertySources.forApplication(classLoader), classLoader).load();
            TokengateRuntime runtime = create(config, Clock.systemUTC());
            context.setAttribute(CONTEXT_ATTRIBUTE, runtime);
            return runtime;
        } catch (ConfigurationException e) {
            throw new ServletException(e.getMessage());
        }
    }

    /** The application's class loader; an embedded container may have none of its own. */
    static ClassLoader classLoaderOf(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : TokengateRuntime.class.getClassLoader();
    }

    /** Releases what the runtime started (threads of issuer calls); called when the application stops. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: releasing resources failed ({0})", e.getClass().getName());
        }
    }

    public TokengateConfig config() {
        return config;
    }

    /** The validator pipeline (JWT or opaque), for callers that hold a token outside a request. */
    public TokenValidator validator() {
        return validator;
    }

    public String realm() {
        return config.realm();
    }

    /** Resolve, then validate: the whole authentication of one request. Logs each rejection (rate-bounded). */
    Authentication authenticate(HttpServletRequest request) {
        TokenResolution resolution = resolver.resolve(request);
        Authentication outcome;
        if (resolution instanceof TokenResolution.Found found) {
            outcome = validateFailingClosed(found.token());
        } else if (resolution instanceof TokenResolution.Invalid invalid) {
            outcome = new Authentication.Rejected(invalid.reason());
        } else {
            return Authentication.ANONYMOUS;
        }
        RejectionReason reason = RequestAuthentication.reasonOf(outcome);
        if (reason != null) {
            rejectionLog.rejected(reason, request.getMethod(), pathOf(request));
        }
        return outcome;
    }

    /**
     * Validators answer every client input with an outcome; should one throw anyway (a bug, a library surprise), the
     * token is refused, never passed and never answered with a 500. Logged without the token.
     */
    private Authentication validateFailingClosed(String token) {
        try {
            return validator.validate(token);
        } catch (RuntimeException unexpected) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: token validation failed unexpectedly ({0}); refusing the token",
                    unexpected.getClass().getName());
            return new Authentication.Rejected(RejectionReason.MALFORMED_TOKEN);
        }
    }

    /**
     * Whether the filter itself must see a valid token. A CORS preflight is let through: browsers never send
     * credentials with it, so refusing it would break every cross-origin call, and it reaches no resource method.
     */
    boolean protects(HttpServletRequest request) {
        return !protectedPaths.isEmpty() && !isCorsPreflight(request) && protectedPaths.matches(pathOf(request));
    }

    private static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** The userinfo claims for a validated token; empty when there is no userinfo endpoint or it refuses the token. */
    Optional<Map<String, Object>> profile(String token) {
        if (userinfo.isEmpty()) {
            return Optional.empty();
        }
        Authentication answer = userinfo.get().validate(token);
        if (answer instanceof Authentication.Unavailable unavailable) {
            throw new ProfileUnavailableException(unavailable.retryAfter());
        }
        return answer instanceof Authentication.Authenticated authenticated
                ? Optional.of(authenticated.token().rawClaims()) : Optional.empty();
    }

    /** The response for a request that was not authenticated. */
    public BearerChallenge challenge(Authentication outcome) {
        if (outcome instanceof Authentication.Authenticated) {
            throw new IllegalArgumentException("an authenticated request needs no challenge");
        }
        if (outcome instanceof Authentication.Unavailable unavailable) {
            return BearerChallenge.unavailable(unavailable.retryAfter());
        }
        return BearerChallenge.of(RequestAuthentication.reasonOf(outcome), config.realm());
    }

    private static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (request.getDispatcherType() == jakarta.servlet.DispatcherType.INCLUDE) {
            // An include keeps the including request's paths; the included target's are in these attributes.
            servletPath = (String) request.getAttribute(jakarta.servlet.RequestDispatcher.INCLUDE_SERVLET_PATH);
            pathInfo = (String) request.getAttribute(jakarta.servlet.RequestDispatcher.INCLUDE_PATH_INFO);
        }
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }
}
