package dev.tokengate.it;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** A public resource that never asks for the caller, one that asks, and a protected one. */
@ApplicationPath("/rest")
public class PublicEndpointApi extends Application {

    @Path("public")
    public static class Public {
        @GET
        @Path("ping")
        public String ping() {
            return "pong";
        }

        /** Public, but greets a caller who sent a valid token: the application asks, so the token is validated. */
        @GET
        @Path("hello")
        public String hello(@Context SecurityContext security) {
            Principal caller = security.getUserPrincipal();
            return "hello " + (caller == null ? "anonymous" : caller.getName());
        }
    }

    @Path("records")
    public static class Records {
        @GET
        @RequiresScope("read:records")
        public String get() {
            return "records";
        }
    }
}
