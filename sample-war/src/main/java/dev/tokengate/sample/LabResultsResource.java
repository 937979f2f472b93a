package dev.tokengate.sample;

import dev.tokengate.jaxrs.RequiresDPoP;
import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Map;

/**
 * Sender-constrained tokens only (RFC 9449): lab results need {@code read:patients} in a DPoP-bound token sent with
 * the {@code DPoP} scheme and a fresh proof. A bearer token, even a valid one with the scope, gets 401 with a
 * {@code DPoP} challenge. The rest of the API keeps accepting bearer tokens.
 */
@Path("lab-results")
@RequiresDPoP
@RequiresScope("read:patients")
public class LabResultsResource {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get(@Context SecurityContext security) {
        return Map.of("message", "lab results", "sub", security.getUserPrincipal().getName());
    }
}
