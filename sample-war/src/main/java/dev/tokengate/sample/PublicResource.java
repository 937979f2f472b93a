package dev.tokengate.sample;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

@Path("public")
public class PublicResource {
    /** Needs nothing, and does no token work even when a token is sent. */
    @GET
    @Path("ping")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping() {
        return Map.of("message", "pong");
    }
}
