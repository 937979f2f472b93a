package dev.tokengate.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JWKS and discovery endpoint on 127.0.0.1, with what a test needs to play an issuer: change the key set, go down
 * (answer 503), be slow, and count the requests it received.
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private volatile boolean down;
    private volatile long delayMillis;
    /** Answers sent (or tried), counted when the configured delay is over. */
    private final AtomicInteger answered = new AtomicInteger();
    private volatile String issuerInDiscovery;

    public JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-jwks-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, jwks.get());
        });
        server.createContext("/.well-known/openid-configuration", exchange -> {
            discoveryRequests.incrementAndGet();
            String issuer = issuerInDiscovery != null ? issuerInDiscovery : issuer();
            respond(exchange, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri() + "\"}");
        });
        server.start();
    }

    /** Answers now, or after the configured delay from a timer, as a slow issuer would: no thread waits for it. */
    private void respond(com.sun.net.httpserver.HttpExchange exchange, String body) {
        if (delayMillis > 0) {
            java.util.concurrent.CompletableFuture.runAsync(() -> send(exchange, body),
                    java.util.concurrent.CompletableFuture.delayedExecutor(delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS));
        } else {
            send(exchange, body);
        }
    }

    private void send(com.sun.net.httpserver.HttpExchange exchange, String body) {
        answered.incrementAndGet();
        try (exchange) {
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the validator stopped waiting (its timeout): nothing to answer
        }
    }

    public JwksServer serve(String jwksJson) {
        jwks.set(jwksJson);
        return this;
    }

    public JwksServer serve(TestKeys... keys) {
        return serve(TestKeys.jwks(keys));
    }

    public void down(boolean down) {
        this.down = down;
    }

    /**
     * How many answers the server has sent so far (a delayed one counts once its delay is over): a caller that returns
     * while this has not grown did not wait for the slow answer.
     */
    public int answered() {
        return answered.get();
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    public void issuerInDiscovery(String issuer) {
        this.issuerInDiscovery = issuer;
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI jwksUri() {
        return URI.create(issuer() + "/jwks");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
