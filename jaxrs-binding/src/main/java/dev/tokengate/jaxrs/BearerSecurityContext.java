package dev.tokengate.jaxrs;

import dev.tokengate.VerifiedToken;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * The JAX-RS security context of a request the binding let on: the validated token as principal and {@code Bearer}
 * as scheme. Most runtimes derive theirs from the servlet request, which tokengate's filter already answers; Apache
 * CXF reports {@code BASIC} as the scheme of any authenticated request, so the binding sets this one. Roles and
 * {@code isSecure} still come from the runtime's own context.
 */
final class BearerSecurityContext implements SecurityContext {
    private final VerifiedToken token;
    private final SecurityContext runtimes;

    BearerSecurityContext(VerifiedToken token, SecurityContext runtimes) {
        this.token = token;
        this.runtimes = runtimes;
    }

    @Override
    public Principal getUserPrincipal() {
        return token;
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && token.getRoles().contains(role);
    }

    @Override
    public boolean isSecure() {
        return runtimes != null && runtimes.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
