package dev.tokengate.web;

import dev.tokengate.AccessDeniedException;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet whose CDI bean refused the call ({@link AccessDeniedException}, as tokengate's interceptor throws it):
 * the filter answers as for the same annotation on a JAX-RS resource, never with a 500.
 */
class BeanRefusalTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    static final String MISSING_ROLE = "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
            + "The access token does not carry a role this resource requires.\"";

    static JwksServer issuer;
    static ServletServer app;

    /** Throws the refusal named by {@code X-Reason}, wrapped in a ServletException when {@code X-Wrapped} is set. */
    static final class RefusingServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException {
            String reason = request.getHeader("X-Reason");
            if (reason == null) {
                throw new IllegalStateException("a bug, not a refusal");
            }
            AccessDeniedException refused = new AccessDeniedException(RejectionReason.valueOf(reason));
            if (request.getHeader("X-Wrapped") != null) {
                throw new ServletException("the framework wrapped it", refused);
            }
            throw refused;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        issuer = new JwksServer().serve(KEY);
        app = new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString()),
                context -> context.addServlet(new ServletHolder(new RefusingServlet()), "/refusing/*"));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        issuer.close();
    }

    static String bearer() {
        return "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).signWith(KEY);
    }

    @Test
    void aMissingRoleIsTheForbiddenAnswer() throws Exception {
        HttpResponse<String> response = app.get("/refusing/x", "Authorization", bearer(), "X-Reason", "MISSING_ROLE");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(MISSING_ROLE);
    }

    @Test
    void aCallWithoutATokenIsTheBareChallenge() throws Exception {
        HttpResponse<String> response = app.get("/refusing/x", "X-Reason", "MISSING_TOKEN");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
    }

    @Test
    void aCallWithAnExpiredTokenNamesTheTokensFault() throws Exception {
        String expired = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("exp", 1).signWith(KEY);
        HttpResponse<String> response = app.get("/refusing/x", "Authorization", expired, "X-Reason", "EXPIRED");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "error=\"invalid_token\", error_description=\"The access token has expired.\"");
    }

    @Test
    void aRefusalWrappedByAFrameworkIsFoundInTheCauses() throws Exception {
        HttpResponse<String> response = app.get("/refusing/x", "Authorization", bearer(), "X-Reason", "CLOSED_TO_ALL",
                "X-Wrapped", "yes");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "error=\"insufficient_scope\", error_description=\"This resource is not open to any caller.\"");
    }

    @Test
    void aRefusalForWantOfATokenWhileTheTokenIsValidIsForbiddenNotAChallenge() throws Exception {
        HttpResponse<String> response = app.get("/refusing/x", "Authorization", bearer(), "X-Reason", "MISSING_TOKEN");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(MISSING_ROLE);
    }

    @Test
    void anyOtherFailureIsNotTheFiltersToAnswer() throws Exception {
        HttpResponse<String> response = app.get("/refusing/x", "Authorization", bearer());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
    }
}
