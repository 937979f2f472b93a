package dev.tokengate.it.demo;

import dev.tokengate.it.support.DPoPClient;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.test.TestIssuer;
import dev.tokengate.test.TokenBuilder;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's demo: a local OAuth 2.0 issuer (tokengate-test's {@link TestIssuer}) on 127.0.0.1, the sample API on Payara Micro at
 * http://localhost:8080 configured by system properties to trust it, then ready-made tokens and curl lines. Runs until
 * Ctrl-C, which stops both. Started by {@code mvn -Pdemo verify} (exec:java in the it-tests module).
 */
public final class Demo {
    static final String AUDIENCE = "https://api.tokengate.dev/health";
    static final int API_PORT = 8080;
    static final int PREFERRED_ISSUER_PORT = 8081;
    static final int PROOF_PORT = 8082;

    public static void main(String[] args) throws Exception {
        File payaraJar = requiredFile("tokengate.demo.payara-micro");
        File war = requiredFile("tokengate.demo.sample-war");
        Path log = Path.of(System.getProperty("tokengate.demo.log", "target/demo-payara.log"));
        if (!portIsFree(API_PORT)) {
            fail("port " + API_PORT + " is in use: stop whatever listens there and run the demo again");
        }

        Map<String, String> yours = yourIssuersSettings();
        TestIssuer issuer = yours.isEmpty()
                ? TestIssuer.create().audience(AUDIENCE).preferredPort(PREFERRED_ISSUER_PORT).start() : null;
        String issuerUrl = issuer != null ? issuer.issuer() : yours.get("mp.jwt.verify.issuer");

        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC", "-Dhazelcast.socket.bind.any=false"));
        if (issuer != null) {
            command.addAll(List.of("-Dmp.jwt.verify.issuer=" + issuerUrl, "-Dmp.jwt.verify.audiences=" + AUDIENCE));
        } else {
            yours.forEach((name, value) -> command.add("-D" + name + "=" + value));
        }
        String extraWar = System.getProperty("tokengate.demo.extra-war", "");
        if (!extraWar.isBlank() && issuer != null) {
            // The load test's MP-JWT baseline: the server's own MP-JWT needs the key location (it does no discovery).
            command.add("-Dmp.jwt.verify.publickey.location=" + issuer.jwksUri());
        }
        command.addAll(List.of("-jar", payaraJar.getAbsolutePath(),
                "--deploy", war.getAbsolutePath(), "--contextroot", "/"));
        if (!extraWar.isBlank()) {
            command.addAll(List.of("--deploy", new File(extraWar).getAbsolutePath()));
        }
        // Loopback only, as in the it-tests: the HTTP listener and Hazelcast (which --nocluster does not stop)
        command.addAll(List.of("--port", Integer.toString(API_PORT), "--nocluster", "--disablephonehome",
                "--interfaces", "127.0.0.1", "--prebootcommandfile", requiredFile("tokengate.demo.preboot").getAbsolutePath()));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process payara = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the sample API and the issuer...");
            payara.destroy();
            try {
                if (!payara.waitFor(20, TimeUnit.SECONDS)) {
                    payara.destroyForcibly();
                }
            } catch (InterruptedException e) {
                payara.destroyForcibly();
            }
            if (issuer != null) {
                issuer.close();
            }
        }, "demo-shutdown"));

        System.out.println(issuer != null ? "Issuer (tokengate-test): " + issuerUrl : "Your issuer: " + issuerUrl);
        System.out.println("Starting the sample API on Payara Micro (log: " + log.toAbsolutePath() + ") ...");
        waitUntilUp(payara, log);

        String base = "http://localhost:" + API_PORT;
        if (issuer == null) {
            printYourIssuersLines(base, yours);
            System.out.println("Payara Micro exited with status " + payara.waitFor() + "; see " + log.toAbsolutePath());
            return;
        }
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("NO_SCOPE", token(issuer, "demo-user").build());
        tokens.put("READ_PATIENTS", token(issuer, "demo-user").scopes("read:patients").build());
        tokens.put("READ_ADMIN", token(issuer, "demo-admin").scopes("read:admin").build());
        tokens.put("EXPIRED", token(issuer, "demo-user").scopes("read:patients").expired().build());
        tokens.put("STRONG_LOGIN", token(issuer, "demo-user").scopes("read:patients").acr("mfa").build());
        DPoPClient dpopClient = new DPoPClient();
        tokens.put("DPOP_BOUND", token(issuer, "demo-user").scopes("read:patients").dpopBound(dpopClient.thumbprint()).build());
        String proofs = startProofMinter(dpopClient, tokens.get("DPOP_BOUND"));

        System.out.println();
        System.out.println("The sample API is up at " + base + " and trusts " + issuerUrl + " (audience " + AUDIENCE + ").");
        System.out.println();
        System.out.println("Tokens (valid for an hour; paste these lines into a shell):");
        tokens.forEach((name, token) -> System.out.println("export " + name + "=" + token));
        System.out.println();
        System.out.println("Try:");
        System.out.println("curl -i " + base + "/api/public/ping                                               # 200, no token needed");
        System.out.println("curl -i " + base + "/api/patients                                                  # 401 Bearer realm=\"api\", resource_metadata=...");
        System.out.println("curl -i -H \"Authorization: Bearer $READ_PATIENTS\" " + base + "/api/patients        # 200");
        System.out.println("curl -i -H \"Authorization: Bearer $READ_PATIENTS\" " + base + "/api/records         # 200 (read:patients or read:admin)");
        System.out.println("curl -i -H \"Authorization: Bearer $NO_SCOPE\" " + base + "/api/patients             # 403 insufficient_scope");
        System.out.println("curl -i -H \"Authorization: Bearer $READ_PATIENTS\" " + base + "/api/admin           # 403 insufficient_scope");
        System.out.println("curl -i -H \"Authorization: Bearer $READ_ADMIN\" " + base + "/api/admin              # 200");
        System.out.println("curl -i -H \"Authorization: Bearer $NO_SCOPE\" " + base + "/api/me                   # 200, who you are");
        System.out.println("curl -i -H \"Authorization: Bearer $NO_SCOPE\" " + base + "/api/claims               # 200, claims through MicroProfile JWT's @Claim");
        System.out.println("curl -i -H \"Authorization: Bearer $NO_SCOPE\" " + base + "/servlet/whoami           # 200, plain servlet");
        System.out.println("curl -i -H \"Authorization: Bearer $EXPIRED\" " + base + "/api/patients              # 401 invalid_token: expired");
        System.out.println("curl -i -H \"Authorization: Bearer not-a-token\" " + base + "/api/patients           # 401 invalid_token");
        System.out.println("curl -i -H \"Authorization: Bearer $READ_PATIENTS\" " + base + "/api/prescriptions   # 401 insufficient_user_authentication (step-up)");
        System.out.println("curl -i -H \"Authorization: Bearer $STRONG_LOGIN\" " + base + "/api/prescriptions    # 200 (acr mfa, login under 5 minutes old)");
        System.out.println("curl -s " + base + "/.well-known/oauth-protected-resource                          # RFC 9728 metadata: issuer, scopes");
        System.out.println("curl -s '" + base + "/metrics?scope=application' | grep '^tokengate_tokens'       # counters (Payara's MicroProfile Metrics)");
        System.out.println("curl -s " + base + "/health/ready                                              # readiness: tokengate UP once keys are loaded");
        System.out.println();
        System.out.println("DPoP (RFC 9449): /api/lab-results takes DPoP-bound tokens only. A proof is single-use and minutes-fresh, so the");
        System.out.println("demo's client key signs a new one for each request at " + proofs + " (loopback only):");
        String labResults = base + "/api/lab-results";
        System.out.println("curl -i -H \"Authorization: DPoP $DPOP_BOUND\" -H \"DPoP: $(curl -s '" + proofs + "?htm=GET&htu="
                + labResults + "')\" " + labResults + "   # 200");
        System.out.println("curl -i -H \"Authorization: Bearer $READ_PATIENTS\" " + labResults + "   # 401 DPoP: bearer tokens refused here");
        System.out.println("curl -i -H \"Authorization: Bearer $DPOP_BOUND\" " + base + "/api/patients   # 401: a bound token is never a bearer token");
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
        int exit = payara.waitFor();
        System.out.println("Payara Micro exited with status " + exit + "; see " + log.toAbsolutePath());
    }

    /**
     * The sample's settings for the user's own issuer: every {@code mp.jwt.*} and {@code tokengate.*} system property
     * given to Maven ({@code -Dmp.jwt.verify.issuer=...}), except the build's own; empty when no issuer is named.
     */
    private static Map<String, String> yourIssuersSettings() {
        if (System.getProperty("mp.jwt.verify.issuer", "").isBlank()) {
            return Map.of();
        }
        Map<String, String> settings = new java.util.TreeMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            boolean build = name.startsWith("tokengate.demo.") || name.startsWith("tokengate.fuzz.")
                    || name.startsWith("tokengate.it.");
            if ((name.startsWith("mp.jwt.") || name.startsWith("tokengate.")) && !build) {
                settings.put(name, System.getProperty(name));
            }
        }
        return settings;
    }

    private static void printYourIssuersLines(String base, Map<String, String> settings) {
        System.out.println();
        System.out.println("The sample API is up at " + base + " with these settings:");
        settings.forEach((name, value) -> System.out.println("  " + name + "=" + (name.contains("secret") ? "(set)" : value)));
        System.out.println();
        System.out.println("Get an access token for it from your issuer, then:");
        System.out.println("export TOKEN=<the access token>");
        System.out.println("curl -i " + base + "/api/public/ping                                   # 200, no token needed");
        System.out.println("curl -i -H \"Authorization: Bearer $TOKEN\" " + base + "/api/me         # 200 and what tokengate read from it, or 401 and why");
        System.out.println("curl -i -H \"Authorization: Bearer $TOKEN\" " + base + "/api/patients   # 200 with read:patients, else 403");
        System.out.println("Why a token is refused: the 401's error_description, and the log named above.");
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
    }

    /** A token of the demo's client ({@code azp} demo-client) for {@code subject}, valid for an hour. */
    private static TokenBuilder token(TestIssuer issuer, String subject) {
        return issuer.token().subject(subject).claim("azp", "demo-client");
    }

    /**
     * A loopback endpoint that signs a fresh DPoP proof for the demo's client key and its bound token:
     * {@code GET /proof?htm=GET&htu=<url>}. A real client signs its own proofs; a shell cannot.
     */
    private static String startProofMinter(DPoPClient client, String boundToken) throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(
                InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), portIsFree(PROOF_PORT) ? PROOF_PORT : 0), 0);
        server.createContext("/proof", exchange -> {
            Map<String, String> query = new java.util.HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            String htu = query.get("htu");
            int count = htu == null ? 0 : Math.max(1, Math.min(200_000, parseCount(query.get("n"))));
            StringBuilder proofs = new StringBuilder();
            for (int i = 0; i < count; i++) {
                proofs.append(client.proof(query.getOrDefault("htm", "GET"), htu, boundToken)).append(i + 1 < count ? "\n" : "");
            }
            byte[] body = (htu == null ? "usage: /proof?htm=GET&htu=<the request's URL>[&n=<how many, one per line>]"
                    : proofs.toString()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(htu == null ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/proof";
    }

    private static int parseCount(String text) {
        try {
            return text == null ? 1 : Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    private static void waitUntilUp(Process payara, Path log) throws Exception {
        URI ping = URI.create("http://127.0.0.1:" + API_PORT + "/api/public/ping");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!payara.isAlive()) {
                fail("Payara Micro exited during start-up: see " + log.toAbsolutePath());
            }
            try {
                if (LoopbackHttp.get(ping).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            payara.waitFor(500, TimeUnit.MILLISECONDS);
        }
        fail("the sample API did not answer within 180 s: see " + log.toAbsolutePath());
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private static File requiredFile(String property) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            fail("system property " + property + " must name an existing file (run the demo with mvn -Pdemo verify)");
        }
        return new File(path);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void fail(String message) {
        System.err.println("demo: " + message);
        System.exit(1);
    }
}
