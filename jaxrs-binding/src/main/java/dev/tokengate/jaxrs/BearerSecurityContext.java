package dev.tokengate.jaxrs;

import dev.tokengate.VerifiedToken;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * The JAX-RS security context of a request the binding let on: the validated token as principal and the scheme it
 * came with ({@code Bearer}, or {@code DPoP} for a DPoP-bound token with its proof), as the servlet request's
 * {@code getAuthType()} says. Most runtimes derive theirs from the servlet request, which tokengate's filter already
 * answers; Apache CXF reports {@code BASIC} as the scheme of any authenticated request, so the binding sets this one.
 * {@code isSecure} still comes from the runtime's own context.
 */
final class BearerSecurityContext implements SecurityContext {
    private final VerifiedToken token;
    private final String scheme;
    private final SecurityContext runtimes;

    BearerSecurityContext(VerifiedToken token, String scheme, SecurityContext runtimes) {
        this.token = token;
        this.scheme = scheme;
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
        return scheme;
    }
}
