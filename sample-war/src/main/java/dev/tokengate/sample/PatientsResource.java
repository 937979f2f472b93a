package dev.tokengate.sample;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

@Path("patients")
@Produces(MediaType.APPLICATION_JSON)
public class PatientsResource {

    @GET
    @RequiresScope("read:patients")
    public List<Map<String, String>> list() {
        return List.of(Map.of("id", "p-1", "name", "Ada"), Map.of("id", "p-2", "name", "Grace"));
    }

    @POST
    @RequiresScope("write:patients")
    public Response create() {
        return Response.status(Response.Status.CREATED).entity(Map.of("id", "p-3")).build();
    }
}
