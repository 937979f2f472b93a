package dev.tokengate.it;

import dev.tokengate.jaxrs.RequiresScope;
import dev.tokengate.jaxrs.RequiresUserAuthentication;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

/** RFC 9470 step-up on a JAX-RS resource, as a user writes it; a plain servlet behind a protected path beside it. */
@ApplicationPath("/rest")
public class StepUpApi extends Application {

    @Path("prescriptions")
    @RequiresUserAuthentication(acr = {"phr", "phrh"}, maxAge = 300)
    public static class Prescriptions {
        @GET
        @RequiresScope("read:patients")
        public String list() {
            return "prescriptions";
        }
    }
}
