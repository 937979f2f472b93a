package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Everything the binding adds to a Jakarta REST application: {@link RequiresScopeFeature}, {@link SubResourceGuard}
 * and {@link ProfileUnavailableMapper}. Loaded through {@code META-INF/services/jakarta.ws.rs.core.Feature} (Jakarta
 * REST 3.1) or by scanning; an application that lists its classes itself, on a server that loads no services, adds
 * {@code TokengateFeature.class} to them.
 */
@Provider
public final class TokengateFeature implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
        context.register(RequiresScopeFeature.class);
        context.register(SubResourceGuard.class);
        context.register(ProfileUnavailableMapper.class);
        return true;
    }
}
