package dev.tokengate.sample;

import dev.tokengate.jaxrs.RequiresScope;
import dev.tokengate.jaxrs.RequiresUserAuthentication;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Step-up (RFC 9470): prescriptions need {@code read:patients} and a login that was multi-factor ({@code acr}
 * {@code mfa}) and at most five minutes old ({@code auth_time}); other tokens get 401
 * {@code insufficient_user_authentication} naming both.
 */
@Path("prescriptions")
@RequiresScope("read:patients")
@RequiresUserAuthentication(acr = "mfa", maxAge = 300)
public class PrescriptionsResource {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get() {
        return Map.of("message", "prescriptions");
    }
}
