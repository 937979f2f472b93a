package dev.tokengate.it;

import dev.tokengate.jaxrs.RequiresDPoP;
import dev.tokengate.jaxrs.RequiresScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** What a Keycloak user protects: scopes, a realm role, a client role, and a DPoP-only resource. */
@ApplicationPath("/rest")
public class KeycloakApi extends Application {

    @Path("patients")
    public static class Patients {
        @GET
        @RequiresScope("read:patients")
        public String get(@Context SecurityContext security) {
            return "patients for " + security.getUserPrincipal().getName();
        }
    }

    /** A realm role ({@code realm_access.roles}). */
    @Path("ward")
    public static class Ward {
        @GET
        @RolesAllowed("nurse")
        public String get() {
            return "ward";
        }
    }

    /** A client role of the API ({@code resource_access.tokengate-api.roles}). */
    @Path("audit")
    public static class Audit {
        @GET
        @RolesAllowed("auditor")
        public String get() {
            return "audit";
        }
    }

    /** A role nobody has; and a scope ({@code read:patients}) named as a role grants nothing. */
    @Path("admin")
    public static class Admin {
        @GET
        @RolesAllowed({"admin", "read:patients"})
        public String get() {
            return "admin";
        }
    }

    @Path("lab-results")
    public static class LabResults {
        @GET
        @RequiresDPoP
        @RequiresScope("read:patients")
        public String get(@Context SecurityContext security) {
            return "lab results for " + security.getUserPrincipal().getName() + " over " + security.getAuthenticationScheme();
        }
    }
}
