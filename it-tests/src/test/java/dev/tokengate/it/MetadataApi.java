package dev.tokengate.it;

import dev.tokengate.jaxrs.RequiresScope;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

/** Resources whose {@code @RequiresScope} values the RFC 9728 document lists as {@code scopes_supported}. */
@ApplicationPath("/rest")
public class MetadataApi extends Application {

    @Path("charts")
    @RequiresScope("read:charts")
    public static class Charts {
        @GET
        public String list() {
            return "charts";
        }

        @GET
        @Path("sign")
        @RequiresScope({"write:charts", "read:charts"})
        public String sign() {
            return "signed";
        }
    }
}
