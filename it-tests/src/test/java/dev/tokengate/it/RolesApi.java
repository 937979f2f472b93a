package dev.tokengate.it;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** The Jakarta security annotations on a JAX-RS resource, as a user writes them; no server setting anywhere. */
@ApplicationPath("/rest")
public class RolesApi extends Application {

    @Path("patients")
    @RolesAllowed("reader")
    public static class Patients {
        @GET
        public String list(@Context SecurityContext security) {
            return "patients for " + security.getUserPrincipal().getName() + "|" + security.isUserInRole("reader")
                    + "|" + security.isUserInRole("writer");
        }

        @GET
        @Path("archive")
        @DenyAll
        public String archive() {
            return "archive";
        }

        @GET
        @Path("scoped")
        @RequiresScope("read:patients")
        public String scoped() {
            return "scoped";
        }
    }

    /**
     * {@code @PermitAll} on the class. (A method-level {@code @PermitAll} inside a {@code @RolesAllowed} class is
     * tokengate's to allow too, and the binding's own tests show it on Jersey and CXF, but GlassFish and Payara run a
     * role filter of their own that reads the class annotation and answers 401 there: see the README's server notes.)
     */
    @Path("lobby")
    @PermitAll
    public static class Lobby {
        @GET
        public String open() {
            return "open";
        }
    }
}
