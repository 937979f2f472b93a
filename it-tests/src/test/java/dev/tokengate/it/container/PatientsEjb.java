package dev.tokengate.it.container;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/** An EJB as a user writes one: the container enforces its role annotations with the caller it was told about. */
@Stateless
public class PatientsEjb {
    @Resource
    SessionContext context;

    @RolesAllowed("read:patients")
    public String read() {
        return "ejb allowed";
    }

    @PermitAll
    public String caller() {
        return context.getCallerPrincipal().getName() + "|" + context.isCallerInRole("read:patients");
    }
}
