package dev.tokengate.it.container;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** What only full Jakarta EE servers run: an EJB's role checks and Jakarta Security's {@code SecurityContext}. */
@Path("full")
public class FullServerApi {
    @EJB
    PatientsEjb patients;

    @Inject
    SecurityContext security;

    @GET
    @Path("ejb")
    public String ejb() {
        try {
            return patients.read();
        } catch (EJBException | SecurityException refused) {
            return "refused";
        }
    }

    @GET
    @Path("ejb-caller")
    public String ejbCaller() {
        return patients.caller();
    }

    @GET
    @Path("security-context")
    public String securityContext() {
        return (security.getCallerPrincipal() == null ? "null" : security.getCallerPrincipal().getName())
                + "|" + security.isCallerInRole("read:patients") + "|" + security.isCallerInRole("write:patients");
    }
}
