package dev.tokengate.sample;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Code written for MicroProfile JWT: the caller's claims through {@code @Claim} injection, in its common forms. */
@Path("claims")
@RequestScoped
public class ClaimsResource {

    @Inject
    @Claim(standard = Claims.sub)
    String subject;

    @Inject
    @Claim(standard = Claims.exp)
    long expiresAt;

    @Inject
    @Claim(standard = Claims.iat)
    ClaimValue<Long> issuedAt;

    @Inject
    @Claim("groups")
    Set<String> groups;

    @Inject
    @Claim("scope")
    Optional<String> scope;

    @Inject
    @Claim("aud")
    JsonValue audience;

    /** Any valid token. */
    @GET
    @RequiresScope
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> claims() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", subject);
        body.put("exp", expiresAt);
        body.put("iat", issuedAt.getValue());
        body.put("groups", new TreeSet<>(groups == null ? Set.of() : groups));
        body.put("scope", scope.orElse(""));
        body.put("aud", audience == null ? "" : audience.toString());
        return body;
    }
}
