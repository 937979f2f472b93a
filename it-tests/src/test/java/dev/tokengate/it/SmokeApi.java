package dev.tokengate.it;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** The least a user writes: an application class and an annotated resource. No registration code. */
@ApplicationPath("/rest")
public class SmokeApi extends Application {

    @Path("reports")
    public static class Reports {
        @GET
        @RequiresScope("read:reports")
        public String get(@Context SecurityContext security) {
            return "reports for " + security.getUserPrincipal().getName();
        }
    }
}
