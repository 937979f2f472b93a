package dev.tokengate.sample;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

@Path("admin")
@RequiresScope("read:admin")
public class AdminResource {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get() {
        return Map.of("message", "admin area");
    }
}
