package dev.tokengate.it.container;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;

/** A plain CDI bean with a role annotation: ignored by every server, enforced by tokengate's interceptor. */
@RequestScoped
public class PatientsBean {
    @RolesAllowed("read:patients")
    public String read() {
        return "cdi allowed";
    }
}
