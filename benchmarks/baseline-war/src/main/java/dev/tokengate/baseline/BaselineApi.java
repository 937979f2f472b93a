package dev.tokengate.baseline;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Map;

/**
 * The load test's baseline: the server's built-in MicroProfile JWT ({@code @LoginConfig(authMethod = "MP-JWT")})
 * guarding the same two endpoints the sample has, configured by the same {@code mp.jwt.*} properties.
 */
@LoginConfig(authMethod = "MP-JWT")
@ApplicationPath("/api")
public class BaselineApi extends Application {

    @Path("public/ping")
    public static class Ping {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, String> ping() {
            return Map.of("message", "pong");
        }
    }

    /** Any validated token: the server has checked it before this runs; no token or a bad one gets 401. */
    @Path("records")
    @RequestScoped
    public static class Records {
        @Inject
        JsonWebToken jwt;

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Response list() {
            if (jwt == null || jwt.getName() == null) {
                return Response.status(Response.Status.UNAUTHORIZED).build();
            }
            return Response.ok(List.of(Map.of("id", "r-1", "patient", "p-1"))).build();
        }
    }
}
