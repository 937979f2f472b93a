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
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9470 step-up on every server: {@code @RequiresUserAuthentication} on a JAX-RS resource, and
 * {@code tokengate.protected-paths.acr-values} / {@code .max-age} on a plain servlet, with tokens from the test issuer
 * carrying {@code acr} and {@code auth_time}.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class StepUpIT {
    static final String CHALLENGE = "Bearer realm=\"api\", error=\"insufficient_user_authentication\", "
            + "error_description=\"%s\", acr_values=\"phr phrh\", max_age=300";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("tokengate.protected-paths", "/whoami");
        config.put("tokengate.protected-paths.acr-values", "phr,phrh");
        config.put("tokengate.protected-paths.max-age", "5m");
        return TestWars.withTokengate("stepup", config)
                .addClasses(StepUpApi.class, StepUpApi.Prescriptions.class, WhoAmIServlet.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    private static String token(String acr, long loginSecondsAgo) {
        return KitIssuer.get().token().subject("stepper").scopes("read:patients")
                .acr(acr).authTime(Instant.now().minusSeconds(loginSecondsAgo)).build();
    }

    private static void assertStepUp(HttpResponse<String> response, String description) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE.formatted(description));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aStrongRecentLoginReachesTheResource() {
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("rest/prescriptions"), token("phrh", 5));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("prescriptions");
    }

    @Test
    void aWeakLoginIsAskedToStepUp() {
        assertStepUp(LoopbackHttp.getWithBearer(uri("rest/prescriptions"), token("pwd", 5)),
                "A different authentication level is required.");
    }

    @Test
    void anOldLoginIsAskedToLogInAgain() {
        assertStepUp(LoopbackHttp.getWithBearer(uri("rest/prescriptions"), token("phr", 3600)),
                "More recent authentication is required.");
    }

    @Test
    void aProtectedServletPathDemandsTheSameOfTheLogin() {
        assertThat(LoopbackHttp.getWithBearer(uri("whoami"), token("phr", 5)).statusCode()).isEqualTo(200);
        assertStepUp(LoopbackHttp.getWithBearer(uri("whoami"), token("pwd", 5)),
                "A different authentication level is required.");
        assertStepUp(LoopbackHttp.getWithBearer(uri("whoami"), token("phrh", 3600)),
                "More recent authentication is required.");
    }
}
