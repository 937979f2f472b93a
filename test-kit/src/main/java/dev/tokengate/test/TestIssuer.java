package dev.tokengate.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OAuth 2.0 issuer for tests, in this JVM and on 127.0.0.1 only: an OIDC discovery document, a JWKS (with key
 * rotation), an RFC 7662 introspection endpoint and a userinfo endpoint, each of which can be made to fail (down, slow,
 * an error status). Tokens come from {@link #token()}. As a JUnit 5 extension it starts before the class's tests and
 * stops after them:
 *
 * <pre>{@code
 * @RegisterExtension
 * static TestIssuer issuer = TestIssuer.create().audience("https://api.example.com");
 * }</pre>
 *
 * <p>Point the application under test at it with {@link #properties()} (a map, for Arquillian or container tests) or
 * {@link #useAsSystemProperties()} (for an application started in the same JVM; undone when the issuer stops).
 */
public final class TestIssuer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The issuer's endpoints, for {@link #fail}. */
    public enum Endpoint {
        /** {@code /.well-known/openid-configuration} */
        DISCOVERY,
        /** the key set */
        JWKS,
        /** RFC 7662 */
        INTROSPECTION,
        /** OIDC userinfo */
        USERINFO
    }

    /** The client id the introspection endpoint accepts (basic or post), as {@link #properties()} configures it. */
    public static final String CLIENT_ID = "tokengate-test-api";
    /** That client's secret. */
    public static final String CLIENT_SECRET = "tokengate-test-secret";

    private static final String PATH = "/test-issuer";

    private final List<RsaJsonWebKey> keys = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> opaqueTokens = new ConcurrentHashMap<>();
    private final Map<Endpoint, Failure> failures = java.util.Collections.synchronizedMap(new EnumMap<>(Endpoint.class));
    private final Map<String, String> replacedSystemProperties = new HashMap<>();
    private volatile String audience = "https://api.tokengate.test";
    private volatile int preferredPort;
    private volatile HttpServer server;

    private TestIssuer() {
        keys.add(newKey("key-1"));
    }

    /**
     * An issuer, not started yet (the extension starts it, or {@link #start()}).
     *
     * @return the issuer
     */
    public static TestIssuer create() {
        return new TestIssuer();
    }

    /**
     * @param audience the audience its tokens carry by default, and {@link #properties()} configures
     * @return this issuer
     */
    public TestIssuer audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** @return the audience its tokens carry by default */
    public String audience() {
        return audience;
    }

    /**
     * @param port the port to listen on when it is free (a demo's fixed URL); otherwise any free one
     * @return this issuer
     */
    public TestIssuer preferredPort(int port) {
        this.preferredPort = port;
        return this;
    }

    /**
     * Starts listening on 127.0.0.1 at a free port; calling it again does nothing.
     *
     * @return this issuer
     */
    public synchronized TestIssuer start() {
        if (server != null) {
            return this;
        }
        try {
            InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
            HttpServer started;
            try {
                started = HttpServer.create(new InetSocketAddress(loopback, preferredPort), 0);
            } catch (java.net.BindException taken) {
                started = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
            }
            started.createContext(PATH + "/.well-known/openid-configuration", exchange -> answer(exchange, Endpoint.DISCOVERY));
            started.createContext(PATH + "/jwks", exchange -> answer(exchange, Endpoint.JWKS));
            started.createContext(PATH + "/introspect", exchange -> answer(exchange, Endpoint.INTROSPECTION));
            started.createContext(PATH + "/userinfo", exchange -> answer(exchange, Endpoint.USERINFO));
            started.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "tokengate-test-issuer");
                thread.setDaemon(true);
                return thread;
            }));
            started.start();
            server = started;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("the test issuer cannot listen on 127.0.0.1", e);
        }
    }

    /** Stops listening, and puts back the system properties {@link #useAsSystemProperties()} replaced. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        restoreSystemProperties();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** @return the {@code iss} of its tokens: {@code http://127.0.0.1:<port>/test-issuer} */
    public String issuer() {
        if (server == null) {
            throw new IllegalStateException("the test issuer is not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** @return the OIDC discovery document's URL */
    public String discoveryUri() {
        return issuer() + "/.well-known/openid-configuration";
    }

    /** @return the JWKS URL */
    public String jwksUri() {
        return issuer() + "/jwks";
    }

    /** @return the RFC 7662 introspection endpoint's URL */
    public String introspectionUri() {
        return issuer() + "/introspect";
    }

    /** @return the userinfo endpoint's URL */
    public String userinfoUri() {
        return issuer() + "/userinfo";
    }

    /**
     * The configuration that points tokengate (and any MicroProfile JWT implementation) at this issuer: its
     * {@code iss}, the audience, the JWKS location, and the introspection endpoint with its client credentials (used
     * only when {@code tokengate.opaque.validation} says so).
     *
     * @return property names and values
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mp.jwt.verify.issuer", issuer());
        properties.put("mp.jwt.verify.audiences", audience);
        properties.put("mp.jwt.verify.publickey.location", jwksUri());
        properties.put("tokengate.introspection.endpoint", introspectionUri());
        properties.put("tokengate.introspection.client-id", CLIENT_ID);
        properties.put("tokengate.introspection.client-secret", CLIENT_SECRET);
        properties.put("tokengate.userinfo.endpoint", userinfoUri());
        return properties;
    }

    /**
     * Sets {@link #properties()} as system properties until this issuer stops, which puts back what was there.
     *
     * @return this issuer
     */
    public TestIssuer useAsSystemProperties() {
        properties().forEach((name, value) -> {
            replacedSystemProperties.putIfAbsent(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        return this;
    }

    private void restoreSystemProperties() {
        replacedSystemProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        replacedSystemProperties.clear();
    }

    /** @return a token of this issuer's, valid for an hour, for {@link #audience()}: change what the test is about */
    public TokenBuilder token() {
        return new TokenBuilder(this);
    }

    /**
     * A new signing key: tokens are signed with it from now on, and the JWKS publishes it beside the old ones (as an
     * issuer rotating its keys does). {@link #retireOldKeys()} takes the old ones out.
     *
     * @return the new key's {@code kid}
     */
    public String rotateKeys() {
        RsaJsonWebKey next = newKey("key-" + (keys.size() + 1));
        keys.add(next);
        return next.getKeyId();
    }

    /** Publishes the current signing key alone: tokens signed with the earlier ones stop validating. */
    public void retireOldKeys() {
        RsaJsonWebKey current = signingKey();
        keys.retainAll(List.of(current));
    }

    /**
     * Makes an endpoint fail until {@link #recover}.
     *
     * @param endpoint which
     * @param failure  how
     * @return this issuer
     */
    public TestIssuer fail(Endpoint endpoint, Failure failure) {
        failures.put(endpoint, failure);
        return this;
    }

    /** @return this issuer, whose endpoints all answer normally again */
    public TestIssuer recover() {
        failures.clear();
        return this;
    }

    RsaJsonWebKey signingKey() {
        return keys.get(keys.size() - 1);
    }

    void registerOpaque(String token, Map<String, Object> claims) {
        opaqueTokens.put(token, claims);
    }

    private static RsaJsonWebKey newKey(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setAlgorithm("RS256");
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }

    private void answer(HttpExchange exchange, Endpoint endpoint) throws IOException {
        try (exchange) {
            Failure failure = failures.get(endpoint);
            if (failure != null) {
                if (!failure.delay().isZero() && !failure.delay().isNegative()) {
                    try {
                        Thread.sleep(failure.delay().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (failure.closes()) {
                    return; // closed without an answer
                }
                if (failure.status() > 0) {
                    send(exchange, failure.status(), Map.of("error", "server_error"));
                    return;
                }
            }
            switch (endpoint) {
                case DISCOVERY -> send(exchange, 200, Map.of("issuer", issuer(), "jwks_uri", jwksUri(),
                        "introspection_endpoint", introspectionUri(), "userinfo_endpoint", userinfoUri()));
                case JWKS -> {
                    List<Map<String, Object>> published = new ArrayList<>();
                    for (RsaJsonWebKey key : keys) {
                        published.add(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                    }
                    send(exchange, 200, Map.of("keys", published));
                }
                case INTROSPECTION -> introspect(exchange);
                case USERINFO -> userinfo(exchange);
            }
        }
    }

    private void introspect(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        boolean authenticated = expected.equals(basic)
                || CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        if (!authenticated) {
            send(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        Map<String, Object> claims = opaqueTokens.get(form.getOrDefault("token", ""));
        if (claims == null || claims.get("exp") instanceof Number exp && exp.longValue() <= java.time.Instant.now().getEpochSecond()) {
            send(exchange, 200, Map.of("active", false));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>(claims);
        answer.put("active", true);
        send(exchange, 200, answer);
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : "";
        Map<String, Object> claims = opaqueTokens.get(token);
        if (claims == null) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(exchange, 401, Map.of("error", "invalid_token"));
            return;
        }
        send(exchange, 200, claims);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
        byte[] body = JsonUtil.toJson(json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /**
     * How an endpoint fails: {@link #down()} (the connection closes without an answer), {@link #slow(Duration)}
     * (answers, late), {@link #error(int)} (answers with that error status).
     *
     * @param closes close without answering
     * @param delay  wait this long first
     * @param status answer with this status instead (0: the normal answer)
     */
    public record Failure(boolean closes, Duration delay, int status) {
        /** @return the connection closes without an answer */
        public static Failure down() {
            return new Failure(true, Duration.ZERO, 0);
        }

        /**
         * @param delay how late
         * @return the normal answer, late
         */
        public static Failure slow(Duration delay) {
            return new Failure(false, delay, 0);
        }

        /**
         * @param status the error status
         * @return an answer with that status
         */
        public static Failure error(int status) {
            return new Failure(false, Duration.ZERO, status);
        }
    }
}
