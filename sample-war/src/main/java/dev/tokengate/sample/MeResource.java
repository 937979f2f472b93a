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
        // The client the token was issued to: Auth0 says azp, RFC 9068 and Okta say client_id (Okta also cid).
        body.put("azp", firstString(token, "azp", "client_id", "cid"));
        body.put("client_id", firstString(token, "client_id", "cid", "azp"));
        body.values().removeIf(java.util.Objects::isNull);
        body.put("injectedSubject", jwt.getSubject());
        return body;
    }

    private static String firstString(VerifiedToken token, String... claims) {
        for (String claim : claims) {
            if (token.rawClaims().get(claim) instanceof String value) {
                return value;
            }
        }
        return null;
    }
}
