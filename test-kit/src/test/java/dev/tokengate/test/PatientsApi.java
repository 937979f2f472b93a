package dev.tokengate.test;

import dev.tokengate.web.TokengateInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * "Your application": a servlet API protected by tokengate in an embedded Jetty on 127.0.0.1, configured from system
 * properties as an application started in a test would be. {@code GET /patients} needs a valid token (tokengate's
 * protected path) and the {@code read:patients} scope.
 */
final class PatientsApi implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final HttpClient http = HttpClient.newHttpClient();

    PatientsApi() throws Exception {
        System.setProperty("tokengate.protected-paths", "/patients");
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new TokengateInitializer());
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                // a scope, not a role: read from the validated token (tokengate.roles.include-scopes is off)
                if (!(request.getUserPrincipal() instanceof dev.tokengate.VerifiedToken token)
                        || !token.getScopes().contains("read:patients")) {
                    response.sendError(403);
                    return;
                }
                response.setContentType("application/json");
                response.getWriter().write("[{\"name\":\"Ada\"}]");
            }
        }), "/patients");
        server.setHandler(context);
        server.start();
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
        System.clearProperty("tokengate.protected-paths");
    }
}
