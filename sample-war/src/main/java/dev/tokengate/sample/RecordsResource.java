package dev.tokengate.sample;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

@Path("records")
public class RecordsResource {
    /** Patients' staff or administrators. */
    @GET
    @RequiresScope(value = {"read:patients", "read:admin"}, any = true)
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, String>> list() {
        return List.of(Map.of("id", "r-1", "patient", "p-1"));
    }
}
