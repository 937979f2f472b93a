package dev.tokengate.internal.cdi;

import dev.tokengate.Authentication;
import dev.tokengate.RequestAuthentication;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller of the current HTTP request, as CDI's injected request shows it. Outside a request (a timer, an
 * asynchronous task) CDI's request proxy throws: that caller is nobody, and a role check refuses it.
 */
final class RequestCaller implements RoleCheck.Caller {
    private final HttpServletRequest request;

    RequestCaller(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public Authentication authentication() {
        try {
            return request.getAttribute(RequestAuthentication.ATTRIBUTE) instanceof RequestAuthentication found
                    ? found.get() : null;
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    @Override
    public boolean containerKnowsCaller() {
        try {
            return request.getUserPrincipal() != null;
        } catch (RuntimeException noRequest) {
            return false;
        }
    }

    @Override
    public boolean containerGrants(String role) {
        try {
            return request.isUserInRole(role);
        } catch (RuntimeException noRequest) {
            return false;
        }
    }
}
