package dev.tokengate.web;

import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web.xml route: auto-registration off, the filter declared by the application (here the way web.xml would,
 * by class, with the container calling the no-argument constructor and init), configured from system properties,
 * the fallback where there is no MicroProfile Config.
 */
class WebXmlRouteTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");

    @Test
    void aFilterDeclaredByTheApplicationReadsItsOwnConfiguration() throws Exception {
        try (JwksServer issuer = new JwksServer().serve(KEY)) {
            Map<String, String> properties = Map.of(
                    PropertyNames.ISSUER, issuer.issuer(),
                    PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                    PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                    PropertyNames.PROTECTED_PATHS, "/*",
                    PropertyNames.AUTO_REGISTER, "false");
            properties.forEach(System::setProperty);
            Server server = new Server();
            try {
                ServerConnector connector = new ServerConnector(server);
                connector.setHost("127.0.0.1");
                connector.setPort(0);
                server.addConnector(connector);
                ServletContextHandler context = new ServletContextHandler("/");
                context.addServletContainerInitializer(new TokengateInitializer());
                context.addFilter(new FilterHolder(BearerTokenFilter.class), "/*", EnumSet.of(DispatcherType.REQUEST));
                context.addServlet(new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        response.getWriter().write(request.getUserPrincipal().getName());
                    }
                }), "/*");
                server.setHandler(context);
                server.start();
                URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/whoami");
                HttpClient client = HttpClient.newHttpClient();

                HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");

                String token = Tokens.valid(KEY).claim("iss", issuer.issuer()).signWith(KEY);
                HttpResponse<String> named = client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(named.body()).isEqualTo("user-1");
                // The initializer stood aside: the only tokengate filter is the one declared here.
                assertThat(context.getServletHandler().getFilters()).hasSize(1);
            } finally {
                server.stop();
                properties.keySet().forEach(System::clearProperty);
            }
        }
    }

    @Test
    void containerAuthenticationCannotBeHadThroughWebXmlAndSaysSo() {
        Map<String, String> properties = Map.of(
                PropertyNames.ISSUER, "https://issuer.example.test/",
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY, TestKeys.jwks(KEY),
                PropertyNames.AUTO_REGISTER, "false",
                PropertyNames.CONTAINER_AUTHENTICATION, "true");
        properties.forEach(System::setProperty);
        try {
            jakarta.servlet.ServletContext context = (jakarta.servlet.ServletContext) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.ServletContext.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "getClassLoader" -> getClass().getClassLoader();
                        case "getAttribute" -> null;
                        case "getServerInfo" -> "test";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            jakarta.servlet.FilterConfig config = (jakarta.servlet.FilterConfig) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.FilterConfig.class},
                    (self, method, args) -> "getServletContext".equals(method.getName()) ? context : null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BearerTokenFilter().init(config))
                    .isInstanceOf(jakarta.servlet.ServletException.class)
                    .hasMessageContaining(PropertyNames.CONTAINER_AUTHENTICATION + "=true needs the filter registered by"
                            + " tokengate itself");
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }
}
