package dev.tokengate.jaxrs;

import dev.tokengate.Authentication;
import dev.tokengate.BearerChallenge;
import dev.tokengate.RequestAuthentication;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;

/**
 * Enforces one resource method's {@link ScopeRequirement}. It reads the authentication the servlet filter left on the
 * request (JAX-RS request properties are the servlet request's attributes) and never validates anything itself: a
 * request the filter did not see has no validated token and is answered 401, so a resource is never reached because
 * the filter was missing or mapped elsewhere.
 */
@Priority(Priorities.AUTHORIZATION)
public final class ScopeAuthorizationFilter implements ContainerRequestFilter {
    private final ScopeRequirement requirement;

    ScopeAuthorizationFilter(ScopeRequirement requirement) {
        this.requirement = requirement;
    }

    ScopeRequirement requirement() {
        return requirement;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        authorize(request, requirement);
    }

    /** Lets the request on if it has a validated token that meets {@code requirement}; otherwise aborts it. */
    static boolean authorize(ContainerRequestContext request, ScopeRequirement requirement) {
        if (!(request.getProperty(RequestAuthentication.ATTRIBUTE) instanceof RequestAuthentication authentication)) {
            request.abortWith(response(BearerChallenge.of(dev.tokengate.RejectionReason.MISSING_TOKEN, DEFAULT_REALM)));
            return false;
        }
        if (!(authentication.get() instanceof Authentication.Authenticated authenticated)) {
            request.abortWith(response(authentication.challenge()));
            return false;
        }
        if (!requirement.isSatisfiedBy(authenticated.token().getScopes())) {
            request.abortWith(response(authentication.insufficientScope(requirement.scopes())));
            return false;
        }
        if (!(request.getSecurityContext() instanceof BearerSecurityContext)) {
            request.setSecurityContext(new BearerSecurityContext(authenticated.token(), request.getSecurityContext()));
        }
        return true;
    }

    /** Without the filter there is no configuration to name the realm; this is the configured default's value. */
    private static final String DEFAULT_REALM = "api";

    static Response response(BearerChallenge challenge) {
        return Response.status(challenge.status())
                .header(challenge.headerName(), challenge.headerValue())
                .header("Cache-Control", "no-store")
                .type(BearerChallenge.PROBLEM_JSON)
                .entity(challenge.body())
                .build();
    }
}
