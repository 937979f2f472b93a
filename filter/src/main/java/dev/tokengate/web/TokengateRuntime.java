package dev.tokengate.web;

import dev.tokengate.internal.config.ConfigurationSummary;
import dev.tokengate.internal.metrics.TokengateMetrics;
import dev.tokengate.internal.metrics.export.MetricsExports;

import java.time.Clock;

import dev.tokengate.TokenValidator;
import dev.tokengate.internal.config.TokengateConfig;

/**
 * tokengate as {@link PipelineAssembly} built it for one application: what each request needs (the authenticator, the
 * protected paths, the challenges, the caller profiles), immutable and shared by every request, and what
 * {@link #close()} releases when the application stops.
 */
final class TokengateRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final TokengateConfig config;
    private final TokenValidator validator;
    private final RequestAuthenticator authenticator;
    private final ProtectedPaths protectedPaths;
    private final Challenges challenges;
    private final DPoPActivation dpopActivation;
    private final CallerProfiles profiles;
    private final ResourceMetadata resourceMetadata;
    private final Clock clock;
    private final TokengateMetrics metrics;
    private volatile Management management;
    private volatile MetricsExports exports;
    private final AutoCloseable resources;

    TokengateRuntime(TokengateConfig config, TokenValidator validator, RequestAuthenticator authenticator,
                     ProtectedPaths protectedPaths, Challenges challenges, DPoPActivation dpopActivation,
                     CallerProfiles profiles,
                     ResourceMetadata resourceMetadata, Clock clock, TokengateMetrics metrics,
                     AutoCloseable resources) {
        this.metrics = metrics;
        this.config = config;
        this.validator = validator;
        this.authenticator = authenticator;
        this.protectedPaths = protectedPaths;
        this.challenges = challenges;
        this.dpopActivation = dpopActivation;
        this.profiles = profiles;
        this.resourceMetadata = resourceMetadata;
        this.clock = clock;
        this.resources = resources;
    }

    TokengateConfig config() {
        return config;
    }

    /** The validator pipeline (JWT or opaque), for callers that hold a token outside a request. */
    TokenValidator validator() {
        return validator;
    }

    RequestAuthenticator authenticator() {
        return authenticator;
    }

    ProtectedPaths protectedPaths() {
        return protectedPaths;
    }

    Challenges challenges() {
        return challenges;
    }

    /** Whether this application understands the DPoP scheme (its policy, or a resource that requires DPoP). */
    DPoPActivation dpopActivation() {
        return dpopActivation;
    }

    CallerProfiles profiles() {
        return profiles;
    }

    /** RFC 9728 metadata, when its document is served; {@code null} when it is off. */
    ResourceMetadata resourceMetadata() {
        return resourceMetadata;
    }

    /**
     * Logs the effective configuration (one INFO line, secrets redacted), registers the JMX view and exports the
     * counters to the metrics APIs present, once the application's context path is known and its CDI container (where
     * it has one) runs; {@link #close()} takes them away again.
     */
    void announce(jakarta.servlet.ServletContext context) {
        LOG.log(System.Logger.Level.INFO, ConfigurationSummary.of(config, context.getContextPath()));
        // the name operators see in the JMX view, the metric tags and the log lines: "/" for the root application
        String application = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
        if (config.monitoring().jmx()) {
            Management view = new Management(application, metrics, authenticator.rejectionLog(),
                    config.monitoring().failureThreshold());
            view.register();
            management = view;
        }
        if (config.monitoring().metrics()) {
            exports = MetricsExports.start(metrics, application);
        }
    }

    /** The JMX view, when registered. */
    Management management() {
        return management;
    }

    /** This application's counters and readiness state. */
    TokengateMetrics metrics() {
        return metrics;
    }

    /** The clock every time rule reads: the login age of a step-up check too. */
    Clock clock() {
        return clock;
    }

    /** Releases what the runtime started (threads of issuer calls); called when the application stops. */
    @Override
    public void close() {
        Management registered = management;
        if (registered != null) {
            registered.unregister();
        }
        MetricsExports exported = exports;
        if (exported != null) {
            exported.close();
        }
        try {
            resources.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "tokengate: releasing resources failed ({0})", e.getClass().getName());
        }
    }
}
