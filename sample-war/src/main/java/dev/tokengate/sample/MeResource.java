package dev.tokengate.sample;

import dev.tokengate.VerifiedToken;
import dev.tokengate.jaxrs.RequiresScope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

@Path("me")
public class MeResource {

    /** The token the filter validated, injected through CDI. */
    @Inject
    JsonWebToken jwt;

    /** Any valid token: who the caller is, as the token says. */
    @GET
    @RequiresScope
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me(@Context SecurityContext security) {
        VerifiedToken token = (VerifiedToken) security.getUserPrincipal();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", token.getSubject());
        body.put("name", token.getName());
        body.put("scopes", new TreeSet<>(token.getScopes().values()));
        body.put("aud", token.getAudience());
        putIfString(body, "azp", token.rawClaims().get("azp"));
        putIfString(body, "client_id", token.rawClaims().get("client_id"));
        body.put("injectedSubject", jwt.getSubject());
        return body;
    }

    private static void putIfString(Map<String, Object> body, String name, Object value) {
        if (value instanceof String text) {
            body.put(name, text);
        }
    }
}
