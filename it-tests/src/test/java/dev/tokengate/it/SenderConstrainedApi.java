package dev.tokengate.it;

import dev.tokengate.jaxrs.RequiresDPoP;
import dev.tokengate.jaxrs.RequiresScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;

/** Says who called and with which scheme; one resource takes DPoP-bound tokens only. */
@ApplicationPath("/rest")
public class SenderConstrainedApi extends Application {

    @Path("caller")
    public static class Caller {
        @GET
        @RequiresScope
        public String caller(@Context HttpServletRequest request) {
            return request.getUserPrincipal().getName() + "|" + request.getAuthType();
        }
    }

    @Path("payments")
    @RequiresDPoP
    public static class Payments {
        @GET
        @RequiresScope("write:payments")
        public String pay(@Context HttpServletRequest request) {
            return "paid|" + request.getAuthType();
        }
    }
}
