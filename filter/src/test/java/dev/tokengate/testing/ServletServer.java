package dev.tokengate.testing;

import dev.tokengate.internal.config.PropertyNames;

import dev.tokengate.internal.config.PropertySource;
import dev.tokengate.web.TestInitializers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.security.Principal;
import java.util.function.Consumer;

/**
 * A real servlet container (Jetty) on 127.0.0.1 with tokengate installed by its initializer, as in a WAR, and three
 * servlets: {@code /public/*} never asks who the caller is, {@code /lazy/*} asks, and {@code /secure/*} is meant to be
 * configured as a protected path.
 */
public final class ServletServer implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(largeHeaders()));
    private final HttpClient client = HttpClient.newHttpClient();

    public ServletServer(PropertySource properties) throws Exception {
        this(properties, context -> {
        });
    }

    /** With more servlets, added by {@code extra} to the context before it starts. */
    private final ServletContextHandler context;

    public ServletServer(PropertySource properties, Consumer<ServletContextHandler> extra) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context = new ServletContextHandler("/");
        context.addServletContainerInitializer(TestInitializers.reading(withoutMetadataUnlessAsked(properties)));
        context.addServlet(new ServletHolder(new PublicServlet()), "/public/*");
        context.addServlet(new ServletHolder(new WhoAmIServlet()), "/lazy/*");
        context.addServlet(new ServletHolder(new WhoAmIServlet()), "/secure/*");
        extra.accept(context);
        server.setHandler(context);
        server.start();
    }

    /**
     * RFC 9728's {@code resource_metadata} would end every challenge these servers' tests compare exactly; only the
     * tests of the metadata itself switch it on (by setting {@code tokengate.resource-metadata.enabled}).
     */
    private static PropertySource withoutMetadataUnlessAsked(PropertySource properties) {
        return name -> PropertyNames.RESOURCE_METADATA.equals(name) && properties.get(name).isEmpty()
                ? Optional.of("false") : properties.get(name);
    }

    /** Room for headers past the token length limit, so the filter, not the container, refuses long tokens. */
    private static HttpConfiguration largeHeaders() {
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setRequestHeaderSize(32 * 1024);
        return configuration;
    }

    /** An attribute of the application's {@code ServletContext} (what tokengate published there). */
    public Object attribute(String name) {
        return context.getServletContext().getAttribute(name);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, String form, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    static final class PublicServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("public");
        }
    }

    /** Answers {@code name|authType|isUserInRole(role param)} from the request the application sees. */
    static final class WhoAmIServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Principal principal = request.getUserPrincipal();
            String role = request.getHeader("X-Role");
            response.setContentType("text/plain");
            response.getWriter().write((principal == null ? "anonymous" : principal.getName()) + "|" + request.getAuthType()
                    + "|" + (role != null && request.isUserInRole(role)));
        }
    }
}
