package dev.tokengate.it.monitoring;

import com.sun.net.httpserver.HttpServer;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.LoopbackHttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A JWKS endpoint on 127.0.0.1 that answers 503 until told to come up, then serves the test issuer's key set: the
 * outage an operator's readiness probe must show, and its end.
 */
public final class FlakyJwks {
    private static FlakyJwks instance;

    private final HttpServer server;
    private volatile boolean up;

    private FlakyJwks() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), 0), 0);
        server.createContext("/jwks", exchange -> {
            byte[] body = up ? LoopbackHttp.get(URI.create(KitIssuer.get().jwksUri())).body().getBytes(StandardCharsets.UTF_8)
                    : "{\"error\":\"down for the test\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public static synchronized FlakyJwks get() {
        if (instance == null) {
            try {
                instance = new FlakyJwks();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    public void up(boolean up) {
        this.up = up;
    }
}
