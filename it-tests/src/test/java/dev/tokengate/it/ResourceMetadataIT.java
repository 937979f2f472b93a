package dev.tokengate.it;

import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9728 on every server, on by default: the metadata document inside the application (context {@code /metadata}:
 * resource {@code http://127.0.0.1:port/metadata}), {@code scopes_supported} collected from the WAR's
 * {@code @RequiresScope} annotations at deployment, and {@code resource_metadata} on the 401 and 403 challenges.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class ResourceMetadataIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.remove("tokengate.resource-metadata.enabled");
        config.put("tokengate.resource-metadata.resource-name", "Charts API");
        return TestWars.withTokengate("metadata", config).addClasses(MetadataApi.class, MetadataApi.Charts.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    private String resource() {
        URI base = uri("");
        return "http://" + base.getHost() + ":" + base.getPort() + "/metadata";
    }

    @Test
    void theDocumentDescribesTheResource() {
        HttpResponse<String> response = LoopbackHttp.get(uri(".well-known/oauth-protected-resource"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"resource\":\"" + resource() + "\",\"authorization_servers\":[\""
                + KitIssuer.get().issuer() + "\"],\"scopes_supported\":[\"read:charts\",\"write:charts\"],"
                + "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"Charts API\"}");
    }

    @Test
    void aChallengeForAMissingTokenPointsToTheDocument() {
        HttpResponse<String> response = LoopbackHttp.get(uri("rest/charts"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "resource_metadata=\"" + resource() + "/.well-known/oauth-protected-resource\"");
    }

    @Test
    void anInsufficientScopeChallengePointsToItToo() {
        String token = KitIssuer.get().token().subject("reader").scopes("read:charts").build();
        assertThat(LoopbackHttp.getWithBearer(uri("rest/charts"), token).statusCode()).isEqualTo(200);
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/charts/sign"), token);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "error=\"insufficient_scope\", error_description=\"The access token does not grant the scope this"
                + " resource requires.\", scope=\"write:charts read:charts\", resource_metadata=\"" + resource()
                + "/.well-known/oauth-protected-resource\"");
    }
}
