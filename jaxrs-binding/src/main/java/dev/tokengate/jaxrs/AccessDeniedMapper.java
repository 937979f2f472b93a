package dev.tokengate.jaxrs;

import dev.tokengate.AccessDeniedException;
import dev.tokengate.BearerChallenge;
import dev.tokengate.RejectionReason;
import dev.tokengate.RequestAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A CDI bean's {@code @RolesAllowed} or {@code @DenyAll} refused a call made by a resource: the same answer as the
 * annotation on the resource itself. 403 for a caller with a valid token (or for {@code @DenyAll}), and otherwise the
 * request's own challenge (401, or 503 when the issuer was unreachable).
 */
public final class AccessDeniedMapper implements ExceptionMapper<AccessDeniedException> {
    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(AccessDeniedException exception) {
        if (request != null && request.getAttribute(RequestAuthentication.ATTRIBUTE) instanceof RequestAuthentication found) {
            return AuthorizationFilter.response(found.denied(exception));
        }
        RejectionReason reason = exception.reason();
        boolean forbidden = reason == RejectionReason.MISSING_ROLE || reason == RejectionReason.CLOSED_TO_ALL;
        return AuthorizationFilter.response(BearerChallenge.of(
                forbidden ? reason : RejectionReason.MISSING_TOKEN, AuthorizationFilter.DEFAULT_REALM));
    }
}
