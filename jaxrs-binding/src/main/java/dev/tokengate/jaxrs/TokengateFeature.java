package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Everything the binding adds to a Jakarta REST application: {@link RequiresScopeFeature}, {@link SubResourceGuard},
 * {@link ProfileUnavailableMapper} and {@link AccessDeniedMapper}. Found through {@code META-INF/services/jakarta.ws.rs.core.Feature}, which
 * Jakarta REST 3.1 runtimes read (Jersey, RESTEasy; not Apache CXF, so not TomEE: TOMEE-4643). None of these classes is
 * a {@code @Provider}: RESTEasy, which also scans, would register it twice and warn (RESTEASY002155). An application on
 * CXF, or one that turned service loading off ({@code jakarta.ws.rs.loadServices}), adds
 * {@code TokengateFeature.class} to its classes. However often it is registered, it configures once.
 */
public final class TokengateFeature implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
        if (context.getConfiguration().isRegistered(RequiresScopeFeature.class)) {
            return true; // configured already, through another route
        }
        context.register(RequiresScopeFeature.class);
        context.register(SubResourceGuard.class);
        context.register(ProfileUnavailableMapper.class);
        context.register(AccessDeniedMapper.class);
        return true;
    }
}
