package dev.tokengate.internal.http;

import com.sun.net.httpserver.HttpServer;
import dev.tokengate.internal.config.TokengateConfig.HttpSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one way tokengate calls an issuer, against a loopback HTTP server. */
class IssuerHttpClientTest {
    static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 64, false);

    HttpServer server;
    IssuerHttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/json", exchange -> answer(exchange, 200, "{\"jwks_uri\":\"https://issuer.example.test/jwks\"}"));
        server.createContext("/array", exchange -> answer(exchange, 200, "[1,2]"));
        server.createContext("/big", exchange -> answer(exchange, 200, "{\"x\":\"" + "a".repeat(100) + "\"}"));
        server.createContext("/error", exchange -> answer(exchange, 500, "{}"));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + port() + "/json");
            answer(exchange, 302, "");
        });
        server.start();
        client = new IssuerHttpClient(SETTINGS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Test
    void aJsonObjectIsParsed() throws Exception {
        Map<String, Object> document = IssuerHttpClient.await(client.getJsonAsync(uri("/json")), 5000);
        assertThat(document).containsEntry("jwks_uri", "https://issuer.example.test/jwks");
    }

    @Test
    void anAnswerThatIsNoJsonObjectMeansTheIssuerIsUnavailable() {
        assertThatThrownBy(() -> IssuerHttpClient.await(client.getJsonAsync(uri("/array")), 5000))
                .isInstanceOf(IssuerUnavailableException.class).hasMessageContaining("JSON object");
    }

    @Test
    void anErrorStatusMeansTheIssuerIsUnavailable() {
        assertThatThrownBy(() -> IssuerHttpClient.await(client.getJsonAsync(uri("/error")), 5000))
                .isInstanceOf(IssuerUnavailableException.class).hasMessageContaining("HTTP 500");
    }

    @Test
    void aRedirectIsNotFollowed() {
        assertThatThrownBy(() -> IssuerHttpClient.await(client.getJsonAsync(uri("/redirect")), 5000))
                .isInstanceOf(IssuerUnavailableException.class).hasMessageContaining("HTTP 302");
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> IssuerHttpClient.await(client.getJsonAsync(uri("/big")), 5000))
                .isInstanceOf(IssuerUnavailableException.class).hasMessageContaining("larger than 64 bytes");
    }

    @Test
    void plainHttpToAnotherHostIsNeverSent() {
        // refused before any connection: nothing is listening there, and nothing needs to be
        assertThatThrownBy(() -> IssuerHttpClient.await(client.getJsonAsync(URI.create("http://issuer.example.test/jwks")), 5000))
                .isInstanceOf(IssuerUnavailableException.class).hasMessageContaining("not https");
    }
}
