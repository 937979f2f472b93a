package dev.tokengate.it;

import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.tokengate.it.support.ServerLog;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code WEB-INF/lib} route end to end: Payara Micro boots a WAR that holds only the tokengate jars (and their
 * dependencies), a servlet, a JAX-RS application with one annotated resource, and a config file; no web.xml, no
 * registration code. The issuer runs in this JVM; every request goes to 127.0.0.1.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class SmokeIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get()); // starts the issuer: the WAR needs its port
        config.put("tokengate.protected-paths", "/whoami");
        return TestWars.withTokengate("smoke", config).addClasses(WhoAmIServlet.class, SmokeApi.class, SmokeApi.Reports.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI whoami() {
        return Loopback.resolve(deploymentUrl, "whoami");
    }

    @Test
    void withoutATokenTheFilterChallenges() {
        HttpResponse<String> response = LoopbackHttp.get(whoami());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
    }

    @Test
    void theBindingFromWebInfLibGuardsTheResource() {
        URI reports = Loopback.resolve(deploymentUrl, "rest/reports");
        assertThat(LoopbackHttp.get(reports).statusCode()).isEqualTo(401);
        String withoutScope = KitIssuer.get().token().subject("smoke-client").build();
        HttpResponse<String> forbidden = LoopbackHttp.getWithBearer(reports, withoutScope);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
                assertThat(h).contains("error=\"insufficient_scope\"", "scope=\"read:reports\""));
        String withScope = KitIssuer.get().token().subject("smoke-client").scopes("read:reports").build();
        HttpResponse<String> ok = LoopbackHttp.getWithBearer(reports, withScope);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("reports for smoke-client");
    }

    @Test
    void aTokenFromTheIssuerNamesTheCaller() {
        String token = KitIssuer.get().token().subject("smoke-client").build();

        HttpResponse<String> response = LoopbackHttp.getWithBearer(whoami(), token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("smoke-client");
    }
}
