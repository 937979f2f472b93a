package dev.tokengate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An issuer of opaque tokens on 127.0.0.1, for unit tests: an RFC 7662 introspection endpoint that demands client
 * credentials (basic or post), a userinfo endpoint, and knobs to make it fail, slow or count.
 */
public final class OpaqueIssuer implements AutoCloseable {
    public static final String CLIENT_ID = "api-client";
    public static final String CLIENT_SECRET = "s3cret:with/special&chars";

    private final HttpServer server;
    private final Map<String, String> introspection = new ConcurrentHashMap<>();
    private final Map<String, String> userinfo = new ConcurrentHashMap<>();
    private final AtomicInteger introspectionCalls = new AtomicInteger();
    private final AtomicInteger userinfoCalls = new AtomicInteger();
    private volatile int failWith;
    private volatile long delayMillis;
    /** Answers sent (or tried), counted when the configured delay is over. */
    private final AtomicInteger answered = new AtomicInteger();
    private volatile String lastClientAuth;

    public OpaqueIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-opaque-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/introspect", this::introspect);
        server.createContext("/userinfo", this::userinfo);
        server.start();
    }

    /** The introspection response (a JSON object) for a token; unknown tokens are {@code {"active":false}}. */
    public OpaqueIssuer introspects(String token, String json) {
        introspection.put(token, json);
        return this;
    }

    public OpaqueIssuer userinfo(String token, String json) {
        userinfo.put(token, json);
        return this;
    }

    public void failWith(int status) {
        failWith = status;
    }

    /**
     * How many answers the server has sent so far (a delayed one counts once its delay is over): a caller that returns
     * while this has not grown did not wait for the slow answer.
     */
    public int answered() {
        return answered.get();
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    public int introspectionCalls() {
        return introspectionCalls.get();
    }

    public int userinfoCalls() {
        return userinfoCalls.get();
    }

    public String lastClientAuth() {
        return lastClientAuth;
    }

    public URI introspectionEndpoint() {
        return URI.create(base() + "/introspect");
    }

    public URI userinfoEndpoint() {
        return URI.create(base() + "/userinfo");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void introspect(HttpExchange exchange) throws IOException {
        introspectionCalls.incrementAndGet();
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new ConcurrentHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        String expectedBasic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (enc(CLIENT_ID) + ":" + enc(CLIENT_SECRET)).getBytes(StandardCharsets.UTF_8));
        boolean basicOk = expectedBasic.equals(basic);
        boolean postOk = CLIENT_ID.equals(params.get("client_id")) && CLIENT_SECRET.equals(params.get("client_secret"));
        lastClientAuth = basicOk ? "basic" : postOk ? "post" : "none";
        if (!basicOk && !postOk) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        respond(exchange, 200, introspection.getOrDefault(params.get("token"), "{\"active\":false}"));
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        userinfoCalls.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        String body = userinfo.get(token);
        if (body == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            respond(exchange, 401, "");
            return;
        }
        respond(exchange, 200, body);
    }

    /** Answers now, or after the configured delay from a timer, as a slow issuer would: no thread waits for it. */
    private void respond(HttpExchange exchange, int status, String body) {
        if (delayMillis > 0) {
            java.util.concurrent.CompletableFuture.runAsync(() -> send(exchange, status, body),
                    java.util.concurrent.CompletableFuture.delayedExecutor(delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS));
        } else {
            send(exchange, status, body);
        }
    }

    private void send(HttpExchange exchange, int status, String body) {
        answered.incrementAndGet();
        try (exchange) {
            int code = failWith != 0 ? failWith : status;
            byte[] bytes = (failWith != 0 ? "" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException clientGone) {
            // the validator stopped waiting (its timeout): nothing to answer
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
