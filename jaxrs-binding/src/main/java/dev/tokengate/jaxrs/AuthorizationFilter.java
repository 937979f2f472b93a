package dev.tokengate.jaxrs;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.VerifiedToken;
import dev.tokengate.BearerChallenge;
import dev.tokengate.RequestAuthentication;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * Enforces one resource method's {@link AccessRequirement}: its {@code @RequiresScope} and its {@code @RolesAllowed},
 * {@code @PermitAll} or {@code @DenyAll}. It reads the authentication the servlet filter left on the request (JAX-RS
 * request properties are the servlet request's attributes) and never validates anything itself: a request the filter
 * did not see has no validated token and is answered 401, so a resource is never reached because the filter was
 * missing or mapped elsewhere. It runs just before other authorization filters (a server's own
 * {@code @RolesAllowed} support included), so a caller always gets tokengate's answer, never the container's
 * {@code Basic} challenge.
 */
@Priority(AuthorizationFilter.PRIORITY)
public final class AuthorizationFilter implements ContainerRequestFilter {
    /** Before {@link Priorities#AUTHORIZATION}, where Jersey's and RESTEasy's role filters sit. */
    static final int PRIORITY = Priorities.AUTHORIZATION - 10;

    private final AccessRequirement requirement;

    AuthorizationFilter(AccessRequirement requirement) {
        this.requirement = requirement;
    }

    AccessRequirement requirement() {
        return requirement;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        authorize(request, requirement);
    }

    /** Lets the request on if its caller meets {@code requirement}; otherwise aborts it with tokengate's answer. */
    static boolean authorize(ContainerRequestContext request, AccessRequirement requirement) {
        RequestAuthentication authentication = request.getProperty(RequestAuthentication.ATTRIBUTE)
                instanceof RequestAuthentication found ? found : null;
        // Without the filter nothing says the role annotations were left to the container: they are enforced.
        Optional<RoleRequirement> role = authentication == null || authentication.enforcesRoleAnnotations()
                ? requirement.role() : Optional.empty();
        if (role.isPresent() && role.get().kind() == RoleRequirement.Kind.DENY_ALL) {
            request.abortWith(response(authentication == null
                    ? BearerChallenge.of(RejectionReason.CLOSED_TO_ALL, DEFAULT_REALM)
                    : authentication.forbidden(RejectionReason.CLOSED_TO_ALL)));
            return false;
        }
        boolean needsToken = requirement.dpop() || requirement.scope().isPresent() || requirement.login().isPresent()
                || requirement.issuer().isPresent()
                || role.isPresent() && role.get().kind() == RoleRequirement.Kind.ROLES_ALLOWED;
        if (!needsToken) {
            return true; // @PermitAll alone: anybody, with or without a token
        }
        if (authentication == null) {
            request.abortWith(response(BearerChallenge.of(RejectionReason.MISSING_TOKEN, DEFAULT_REALM)));
            return false;
        }
        if (requirement.dpop()) {
            Optional<BearerChallenge> unproven = authentication.requireDPoP();
            if (unproven.isPresent()) {
                request.abortWith(response(unproven.get()));
                return false;
            }
        }
        if (!(authentication.get() instanceof Authentication.Authenticated authenticated)) {
            request.abortWith(response(authentication.challenge()));
            return false;
        }
        VerifiedToken token = authenticated.token();
        if (requirement.issuer().isPresent() && !requirement.issuer().get().names().contains(token.getIssuerName())) {
            request.abortWith(response(authentication.forbidden(RejectionReason.UNACCEPTED_ISSUER)));
            return false;
        }
        if (requirement.login().isPresent()) {
            LoginRequirement login = requirement.login().get();
            Optional<BearerChallenge> shortfall = authentication.stepUp(login.acrValues(), login.maxAge());
            if (shortfall.isPresent()) {
                request.abortWith(response(shortfall.get()));
                return false;
            }
        }
        if (requirement.scope().isPresent() && !requirement.scope().get().isSatisfiedBy(token.getScopes())) {
            request.abortWith(response(authentication.insufficientScope(requirement.scope().get().scopes())));
            return false;
        }
        if (role.isPresent() && !role.get().isSatisfiedBy(token.getRoles())) {
            request.abortWith(response(authentication.forbidden(RejectionReason.MISSING_ROLE)));
            return false;
        }
        if (!(request.getSecurityContext() instanceof BearerSecurityContext)) {
            request.setSecurityContext(new BearerSecurityContext(token, authenticated.scheme(), request.getSecurityContext()));
        }
        return true;
    }

    /** Without the filter there is no configuration to name the realm; this is the configured default's value. */
    static final String DEFAULT_REALM = "api";

    static Response response(BearerChallenge challenge) {
        Response.ResponseBuilder response = Response.status(challenge.status());
        for (java.util.Map.Entry<String, String> header : challenge.headers()) {
            response.header(header.getKey(), header.getValue());
        }
        return response.header("Cache-Control", "no-store")
                .type(BearerChallenge.PROBLEM_JSON)
                .entity(challenge.body())
                .build();
    }
}
