package dev.tokengate.web;

import dev.tokengate.RequestAuthentication;
import dev.tokengate.internal.config.TokengateConfig.DPoPSettings;
import jakarta.servlet.ServletContext;

/**
 * Whether the filter understands the {@code DPoP} scheme: where the policy allows or requires it, and, under the
 * default {@code disabled} policy, when some resource requires it ({@code @RequiresDPoP}, found by the binding at
 * deployment). Otherwise {@code Authorization: DPoP ...} is a scheme of someone else's, as Basic is.
 */
final class DPoPActivation {
    private final DPoPSettings.Policy policy;

    DPoPActivation(DPoPSettings.Policy policy) {
        this.policy = policy;
    }

    boolean active(ServletContext context) {
        return policy != DPoPSettings.Policy.DISABLED
                || context != null && Boolean.TRUE.equals(context.getAttribute(RequestAuthentication.DPOP_RESOURCES_ATTRIBUTE));
    }
}
