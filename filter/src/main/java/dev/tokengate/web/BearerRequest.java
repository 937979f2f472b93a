package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.security.Principal;

/**
 * The request the application sees: {@code getUserPrincipal()} is the validated token (a MicroProfile
 * {@code JsonWebToken}), {@code isUserInRole(r)} is true when {@code r} is one of its roles, and
 * {@code getAuthType()} is {@value #AUTH_TYPE} (or {@code DPoP} for a DPoP-bound token with its proof). Validation
 * happens on the first of these calls the application makes (a server's own early read gets the container's answer:
 * {@link ContainerBookkeeping}). A request without a bearer token keeps whatever the container says, so other
 * authentication mechanisms still work; one with a rejected token has no principal at all.
 */
final class BearerRequest extends HttpServletRequestWrapper {
    public static final String AUTH_TYPE = "Bearer";

    private final LazyRequestAuthentication authentication;
    private final ContainerBookkeeping bookkeeping;

    BearerRequest(HttpServletRequest request, LazyRequestAuthentication authentication, ContainerBookkeeping bookkeeping) {
        super(request);
        this.authentication = authentication;
        this.bookkeeping = bookkeeping;
    }

    /** A server reading the caller for itself before the application asked: it gets the container's own answer. */
    private boolean serverAsksFirst() {
        return !authentication.decided() && bookkeeping.isCallerTheServer();
    }

    public Authentication authentication() {
        return authentication.get();
    }

    @Override
    public Principal getUserPrincipal() {
        if (serverAsksFirst()) {
            return super.getUserPrincipal();
        }
        Authentication outcome = authentication.get();
        if (outcome instanceof Authentication.Authenticated authenticated) {
            return authenticated.token();
        }
        return outcome instanceof Authentication.Anonymous ? super.getUserPrincipal() : null;
    }

    @Override
    public boolean isUserInRole(String role) {
        if (serverAsksFirst()) {
            return super.isUserInRole(role);
        }
        Authentication outcome = authentication.get();
        if (outcome instanceof Authentication.Authenticated authenticated) {
            VerifiedToken token = authenticated.token();
            return role != null && token.getRoles().contains(role);
        }
        return outcome instanceof Authentication.Anonymous && super.isUserInRole(role);
    }

    @Override
    public String getAuthType() {
        if (serverAsksFirst()) {
            return super.getAuthType();
        }
        Authentication outcome = authentication.get();
        if (outcome instanceof Authentication.Authenticated authenticated) {
            return authenticated.scheme();
        }
        return outcome instanceof Authentication.Anonymous ? super.getAuthType() : null;
    }

    @Override
    public String getRemoteUser() {
        if (serverAsksFirst()) {
            return super.getRemoteUser();
        }
        Principal principal = getUserPrincipal();
        return principal == null ? null : principal.getName();
    }
}
