package dev.tokengate.it.container;

import dev.tokengate.AccessDeniedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** What every server of the matrix can run: a JAX-RS role annotation and a CDI bean's, as a user writes them. */
@ApplicationPath("/rest")
public class CallerApi extends Application {

    @Path("jaxrs")
    public static class JaxRs {
        @GET
        @RolesAllowed("read:patients")
        public String patients(@Context SecurityContext security) {
            return "jaxrs " + security.getUserPrincipal().getName();
        }
    }

    /** Calls the CDI bean and reports whether its {@code @RolesAllowed} let the call through. */
    @Path("cdi")
    public static class Cdi {
        @Inject
        PatientsBean patients;

        @GET
        public String call() {
            try {
                return patients.read();
            } catch (AccessDeniedException refused) {
                return "refused " + refused.reason();
            }
        }

        /** Left to tokengate's exception mapper: the same answer as the annotation on a resource. */
        @GET
        @Path("unhandled")
        public String unhandled() {
            return patients.read();
        }
    }

    /** The container's own view of the caller, through the request the container made (not tokengate's wrapper). */
    @Path("container")
    public static class Container {
        @Context
        HttpServletRequest request;

        @GET
        public String caller() {
            return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        }
    }
}
