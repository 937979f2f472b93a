package dev.tokengate.it;

import dev.tokengate.VerifiedToken;
import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** Says which configured issuer accepted the caller's token. */
@ApplicationPath("/rest")
public class IssuersApi extends Application {

    @Path("who")
    public static class Who {
        @GET
        @RequiresScope
        public String who(@Context SecurityContext security) {
            VerifiedToken token = (VerifiedToken) security.getUserPrincipal();
            return token.getIssuerName() + "|" + token.getSubject();
        }
    }
}
