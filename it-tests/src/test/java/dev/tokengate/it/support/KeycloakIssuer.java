package dev.tokengate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak as a third-party issuer: the {@code keycloak-quarkus-dist} that the build unpacks (its directory in
 * system property {@value #HOME_PROPERTY}), run as a separate process on Java 21+ ({@value #JAVA_PROPERTY}, else
 * {@value #DEFAULT_JAVA}) in {@code start-dev} mode on 127.0.0.1 at a free port. One per test JVM, started by the first
 * {@link #get()} (it takes 30 to 70 s: call it from the {@code @Deployment} method, the WAR's configuration needs its
 * port), killed with its process tree when the JVM exits. Its output goes to {@code target/keycloak.log}.
 *
 * <p>Loopback only: {@code --http-host=127.0.0.1}; the management interface (port 9000 by default) serves nothing
 * unless health or metrics are on, and is pinned to 127.0.0.1 in case they are; Narayana's process-id socket is
 * replaced by a UUID ({@code UuidProcessId}). {@code --db=dev-mem}: every test JVM starts from an empty database, so the
 * set-up below never meets a realm left by an earlier run. {@code --hostname} fixes {@code iss} whatever Host a
 * request names.
 *
 * <p>Set up through the admin REST API (the bootstrap admin, token from {@code master}'s {@code admin-cli}):
 * <ul>
 *   <li>realm {@value #REALM}: realm role {@code nurse}; the API as confidential client {@value #API} (secret
 *       {@value #API_SECRET}, no grant of its own: it only introspects) with client role {@code auditor}; user
 *       {@value #USER} with both roles; public clients with the password grant, each with an audience mapper that puts
 *       {@value #API} into {@code aud}: {@value #CLIENT}, {@value #LIGHTWEIGHT_CLIENT} (lightweight access tokens: no
 *       {@code sub}, {@code aud} or roles in the JWT, only in introspection) and {@value #DPOP_CLIENT} (DPoP-bound
 *       tokens, {@code cnf.jkt}); optional client scopes {@code read:patients} and {@code write:patients}, which a token
 *       request's {@code scope} puts into the token's {@code scope} claim;</li>
 *   <li>realm {@value #OTHER_REALM}: the same user name and role, and {@value #OTHER_CLIENT} whose tokens also say
 *       {@code aud} = {@value #API}: a token for the right API from the wrong issuer.</li>
 * </ul>
 */
public final class KeycloakIssuer {
    public static final String HOME_PROPERTY = "tokengate.it.keycloak.home";
    public static final String JAVA_PROPERTY = "tokengate.it.java21";
    public static final String DEFAULT_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64";

    public static final String REALM = "tokengate";
    public static final String OTHER_REALM = "other";
    /** The API: a client of {@link #REALM}, the {@code aud} of every token here, and the introspecting client. */
    public static final String API = "tokengate-api";
    public static final String API_SECRET = "tokengate-api-secret";
    public static final String CLIENT = "sample-client";
    public static final String LIGHTWEIGHT_CLIENT = "lightweight-client";
    public static final String DPOP_CLIENT = "dpop-client";
    /** The client of {@link #OTHER_REALM}. */
    public static final String OTHER_CLIENT = "other-client";
    /** The user of both realms (a different {@code sub} in each). */
    public static final String USER = "alice";
    private static final String USER_PASSWORD = "alice-password";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password";

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeycloakIssuer instance;
    /** Why the one start failed: told again to every later caller rather than booting again for each test class. */
    private static RuntimeException failure;

    private final Process process;
    private final int port;
    private final Path log;
    private int rotations;

    private KeycloakIssuer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The running issuer, its realms set up; starts it on first use. */
    public static synchronized KeycloakIssuer get() {
        if (failure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this JVM", failure);
        }
        if (instance == null) {
            KeycloakIssuer issuer = null;
            try {
                issuer = start();
                Runtime.getRuntime().addShutdownHook(new Thread(issuer::stop, "keycloak shutdown"));
                issuer.awaitReady();
                issuer.setUp();
                instance = issuer;
            } catch (RuntimeException e) {
                if (issuer != null) {
                    issuer.stop(); // not left running beside the app server for the rest of the run
                }
                failure = e;
                throw e;
            }
            System.out.println("[it] Keycloak issuer " + instance.issuer());
        }
        return instance;
    }

    /** {@code http://127.0.0.1:<port>/realms/tokengate}: what {@code mp.jwt.verify.issuer} must say (no trailing /). */
    public String issuer() {
        return issuer(REALM);
    }

    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** RFC 7662 introspection of {@link #REALM}: tokengate calls it as {@link #API} / {@link #API_SECRET}. */
    public URI introspectionEndpoint() {
        return oidc(REALM, "token/introspect");
    }

    /** A password-grant access token of {@link #USER} for a client of {@link #REALM}; {@code scope} may be null. */
    public String token(String clientId, String scope) {
        return token(REALM, clientId, scope);
    }

    /** The same from any realm: {@code token(OTHER_REALM, OTHER_CLIENT, ...)} is the foreign issuer's token. */
    public String token(String realm, String clientId, String scope) {
        return accessToken(LoopbackHttp.postForm(oidc(realm, "token"), passwordGrant(clientId, scope)));
    }

    /** A DPoP-bound access token of {@link #DPOP_CLIENT}: the token request carries a proof of a fresh P-256 key. */
    public DPoPToken dpopToken(String scope) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).generate();
            DPoPProofFactory proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
            URI endpoint = oidc(REALM, "token");
            String proof = proofs.createDPoPJWT("POST", endpoint).serialize();
            HttpResponse<String> response = LoopbackHttp.postForm(endpoint, passwordGrant(DPOP_CLIENT, scope),
                    Map.of("DPoP", proof));
            return new DPoPToken(accessToken(response), key, proofs);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a DPoP proof", e);
        }
    }

    /**
     * A DPoP-bound token with what a client needs to use it: {@link #proof} for each request to the API, and the key's
     * RFC 7638 thumbprint, which the token carries as {@code cnf.jkt}.
     */
    public record DPoPToken(String accessToken, ECKey key, DPoPProofFactory proofs) {
        /** A fresh proof (own {@code jti}, {@code iat} now, {@code ath} of this token) for one request. */
        public String proof(String method, URI uri) {
            try {
                return proofs.createDPoPJWT(method, uri, new DPoPAccessToken(accessToken)).serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot make a DPoP proof", e);
            }
        }

        public String jkt() {
            try {
                return key.computeThumbprint().toString();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** RFC 7009 revocation of an access token of {@link #REALM} by the (public) client it was issued to. */
    public void revoke(String clientId, String token) {
        HttpResponse<String> response = LoopbackHttp.postForm(oidc(REALM, "revoke"),
                ordered("client_id", clientId, "token", token, "token_type_hint", "access_token"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("revocation answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** What the introspection endpoint says about a token, asked as {@link #API}. */
    public JsonNode introspect(String token) {
        HttpResponse<String> response = LoopbackHttp.postForm(introspectionEndpoint(), Map.of("token", token),
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (API + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8))));
        return json(response, 200);
    }

    /**
     * Key rotation in {@link #REALM}: a new {@code rsa-generated} RS256 key with a higher priority than any key there,
     * so new tokens are signed with it. The older RS256 keys stay in the JWKS (tokens signed with them still verify)
     * unless {@code retireOld}: then they are disabled and leave the JWKS at once. Returns the new key's {@code kid}.
     */
    public synchronized String rotateKeys(boolean retireOld) {
        String admin = adminToken();
        JsonNode keys = admin(admin, "GET", "/keys", null);
        List<String> oldProviders = new ArrayList<>();
        int priority = 0;
        for (JsonNode key : keys.path("keys")) {
            priority = Math.max(priority, key.path("providerPriority").asInt());
            if ("RS256".equals(key.path("algorithm").asText()) && "SIG".equals(key.path("use").asText())) {
                oldProviders.add(key.path("providerId").asText());
            }
        }
        String realmId = admin(admin, "GET", "", null).required("id").asText();
        ObjectNode component = JSON.createObjectNode()
                .put("name", "rsa-rotated-" + ++rotations)
                .put("providerId", "rsa-generated")
                .put("providerType", "org.keycloak.keys.KeyProvider")
                .put("parentId", realmId);
        ObjectNode config = component.putObject("config");
        config.putArray("priority").add(String.valueOf(priority + 100));
        config.putArray("algorithm").add("RS256");
        config.putArray("keySize").add("2048");
        HttpResponse<String> created = adminCall(admin, "POST", "/components", component);
        String location = created.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no Location for the new key provider"));
        String providerId = location.substring(location.lastIndexOf('/') + 1);
        if (retireOld) {
            for (String old : oldProviders) {
                // GET leaves out the private key; PUT keeps the stored one for what it is not sent
                ObjectNode provider = (ObjectNode) admin(admin, "GET", "/components/" + old, null);
                ((ObjectNode) provider.required("config")).putArray("enabled").add("false");
                adminCall(admin, "PUT", "/components/" + old, provider);
            }
        }
        for (JsonNode key : admin(admin, "GET", "/keys", null).path("keys")) {
            if (providerId.equals(key.path("providerId").asText())) {
                return key.required("kid").asText();
            }
        }
        throw new IllegalStateException("the new key provider " + providerId + " has no key");
    }

    // ---- the process

    private static KeycloakIssuer start() {
        Path home = Path.of(required(HOME_PROPERTY));
        Path javaHome = Path.of(System.getProperty(JAVA_PROPERTY, DEFAULT_JAVA));
        Path log = Path.of("target", "keycloak.log").toAbsolutePath();
        int port = freePort();
        int managementPort = freePort();
        Path script = home.resolve("bin").resolve("kc.sh");
        script.toFile().setExecutable(true); // the unpacked zip may have lost the bit
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--hostname=http://127.0.0.1:" + port,
                "--http-management-host=127.0.0.1",
                "--http-management-port=" + managementPort,
                "--log-console-color=false")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // nothing of the caller's Keycloak or JVM settings: kc.sh reads KC_*, JAVA and JAVA_OPTS*
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_")
                || name.equals("JAVA") || name.startsWith("JAVA_OPTS"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // 256 MB is plenty (about 100 MB used after set-up); the app server of the test runs beside it
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx256m");
        env.put("JAVA_OPTS_APPEND",
                "-DCoreEnvironmentBean.processImplementationClassName=com.arjuna.ats.internal.arjuna.utils.UuidProcessId");
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + Instant.now() + " " + builder.command() + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new KeycloakIssuer(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home + " (log: " + log + ")", e);
        }
    }

    /** The realm endpoint answers once Keycloak has booted (the first boot of a fresh dist also builds it). */
    private void awaitReady() {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        URI master = URI.create("http://127.0.0.1:" + port + "/realms/master");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (LoopbackHttp.get(master).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak not ready within " + BOOT_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Kill kc.sh and the JVM it started (or re-started, after a build), and wait for them (bounded). */
    private void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // a process that will not die is left to the OS; the test JVM is exiting anyway
            }
        }
    }

    // ---- the set-up

    private void setUp() {
        String admin = adminToken();
        createRealm(admin, """
                {"realm": "%s", "enabled": true,
                 "roles": {"realm": [{"name": "nurse"}], "client": {"%s": [{"name": "auditor"}]}},
                 "clients": [
                   {"clientId": "%s", "publicClient": false, "secret": "%s", "serviceAccountsEnabled": false,
                    "standardFlowEnabled": false, "directAccessGrantsEnabled": false},
                   %s, %s, %s],
                 "users": [%s]}
                """.formatted(REALM, API, API, API_SECRET,
                passwordClient(CLIENT, "included.client.audience", "{}"),
                passwordClient(LIGHTWEIGHT_CLIENT, "included.client.audience",
                        "{\"client.use.lightweight.access.token.enabled\": \"true\"}"),
                passwordClient(DPOP_CLIENT, "included.client.audience", "{\"dpop.bound.access.tokens\": \"true\"}"),
                user("\"clientRoles\": {\"" + API + "\": [\"auditor\"]}")));
        addScopes(admin, REALM, CLIENT, LIGHTWEIGHT_CLIENT, DPOP_CLIENT);
        createRealm(admin, """
                {"realm": "%s", "enabled": true, "roles": {"realm": [{"name": "nurse"}]},
                 "clients": [%s], "users": [%s]}
                """.formatted(OTHER_REALM,
                // no client tokengate-api in this realm: the audience is a plain string
                passwordClient(OTHER_CLIENT, "included.custom.audience", "{}"),
                user("\"clientRoles\": {}")));
        addScopes(admin, OTHER_REALM, OTHER_CLIENT);
    }

    /**
     * A public client with only the password grant, whose access tokens carry {@value #API} in {@code aud} (Keycloak
     * puts an API there only through an audience mapper, or when the user has one of its client roles).
     */
    private static String passwordClient(String clientId, String audienceKey, String attributes) {
        return """
                {"clientId": "%s", "publicClient": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": true,
                 "attributes": %s,
                 "protocolMappers": [{"name": "audience", "protocol": "openid-connect",
                   "protocolMapper": "oidc-audience-mapper",
                   "config": {"%s": "%s", "access.token.claim": "true", "introspection.token.claim": "true",
                              "id.token.claim": "false"}}]}
                """.formatted(clientId, attributes, audienceKey, API);
    }

    /** Name, e-mail (verified) and no required action: else the password grant answers "Account is not fully set up". */
    private static String user(String clientRoles) {
        return """
                {"username": "%s", "enabled": true, "email": "%s@tokengate.test", "emailVerified": true,
                 "firstName": "Alice", "lastName": "Tester", "requiredActions": [],
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}],
                 "realmRoles": ["nurse"], %s}
                """.formatted(USER, USER, USER_PASSWORD, clientRoles);
    }

    private void createRealm(String admin, String representation) {
        try {
            adminCall(admin, "POST", URI.create(base() + "/admin/realms"), JSON.readTree(representation));
        } catch (IOException e) {
            throw new UncheckedIOException("bad realm JSON: " + representation, e);
        }
    }

    /**
     * The client scopes {@code read:patients} and {@code write:patients}, optional for these clients. Made after the
     * realm: a realm representation with client scopes would replace Keycloak's default ones (roles, profile, ...).
     */
    private void addScopes(String admin, String realm, String... clientIds) {
        List<String> scopeIds = new ArrayList<>();
        for (String scope : List.of("read:patients", "write:patients")) {
            ObjectNode representation = JSON.createObjectNode().put("name", scope).put("protocol", "openid-connect");
            representation.putObject("attributes").put("include.in.token.scope", "true")
                    .put("display.on.consent.screen", "false");
            String location = adminCall(admin, "POST", adminUri(realm, "/client-scopes"), representation)
                    .headers().firstValue("Location").orElseThrow();
            scopeIds.add(location.substring(location.lastIndexOf('/') + 1));
        }
        for (String clientId : clientIds) {
            JsonNode found = json(adminCall(admin, "GET", adminUri(realm, "/clients?clientId=" + clientId), null), 200);
            String id = ((ArrayNode) found).get(0).required("id").asText();
            for (String scopeId : scopeIds) {
                adminCall(admin, "PUT", adminUri(realm, "/clients/" + id + "/optional-client-scopes/" + scopeId), null);
            }
        }
    }

    // ---- HTTP

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private URI oidc(String realm, String endpoint) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/" + endpoint);
    }

    private URI adminUri(String realm, String path) {
        return URI.create(base() + "/admin/realms/" + realm + path);
    }

    /** master's admin-cli, password grant: the token lives 60 s, so each admin task asks for one. */
    private String adminToken() {
        return accessToken(LoopbackHttp.postForm(oidc("master", "token"), ordered(
                "grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD)));
    }

    private JsonNode admin(String adminToken, String method, String realmPath, JsonNode body) {
        return json(adminCall(adminToken, method, adminUri(REALM, realmPath), body), 200);
    }

    private HttpResponse<String> adminCall(String adminToken, String method, String realmPath, JsonNode body) {
        return adminCall(adminToken, method, adminUri(REALM, realmPath), body);
    }

    private static HttpResponse<String> adminCall(String adminToken, String method, URI uri, JsonNode body) {
        HttpRequest.Builder request = LoopbackHttp.request(uri, Map.of("Authorization", "Bearer " + adminToken));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response = LoopbackHttp.send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    private static Map<String, String> passwordGrant(String clientId, String scope) {
        Map<String, String> form = ordered("grant_type", "password", "client_id", clientId,
                "username", USER, "password", USER_PASSWORD);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        return form;
    }

    private static String accessToken(HttpResponse<String> response) {
        return json(response, 200).required("access_token").asText();
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no JSON from " + response.request().uri() + ": " + response.body(), e);
        }
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it: it-tests/pom.xml)");
        }
        return value;
    }
}
