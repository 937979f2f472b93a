package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Everything the binding adds to a Jakarta REST application: {@link RequiresScopeFeature}, {@link SubResourceGuard}
 * and {@link ProfileUnavailableMapper}. Loaded through {@code META-INF/services/jakarta.ws.rs.core.Feature}, which
 * every Jakarta REST 3.1 runtime reads; none of these classes is a {@code @Provider}, so a runtime that also scans the
 * jar registers nothing twice. An application that turned service loading off ({@code jakarta.ws.rs.loadServices})
 * adds {@code TokengateFeature.class} to its classes; registering it twice is harmless.
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
        return true;
    }
}
