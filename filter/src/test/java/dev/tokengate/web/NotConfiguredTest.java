package dev.tokengate.web;

import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.Tokens;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that starts the application although tokengate's initializer refused its configuration (Open Liberty
 * logs CWWWC0001W and goes on) must not serve it unprotected: every request is refused with 503.
 */
class NotConfiguredTest {

    /** What Open Liberty does with an initializer that throws: log it and start the application anyway. */
    record LenientServer(ServletContainerInitializer initializer) implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            try {
                initializer.onStartup(classes, context);
            } catch (ServletException ignoredByTheServer) {
                context.log("an initializer failed: " + ignoredByTheServer.getMessage());
            }
        }
    }

    @Test
    void anApplicationStartedDespiteAConfigurationErrorRefusesEveryRequest() throws Exception {
        MapProperties noIssuer = MapProperties.of(PropertyNames.AUDIENCES, Tokens.AUDIENCE);
        try (ServletServer app = new ServletServer(MapProperties.of(PropertyNames.AUTO_REGISTER, "false"),
                context -> context.addServletContainerInitializer(
                        new LenientServer(new TokengateInitializer(classLoader -> noIssuer))))) {
            for (String path : new String[] {"/public/ping", "/lazy/whoami", "/secure/whoami"}) {
                HttpResponse<String> response = app.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).isEmpty();
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(response.body()).contains("misconfigured").doesNotContain("mp.jwt");
            }
        }
    }
}
