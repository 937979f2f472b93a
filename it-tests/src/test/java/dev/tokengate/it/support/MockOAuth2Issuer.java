package dev.tokengate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The one third-party issuer of the it-tests, kept so that tokengate is never tested only against its own kit
 * ({@link KitIssuer}): one {@code mock-oauth2-server} per test JVM, bound to 127.0.0.1 on a free port, started by the
 * first call to {@link #get()} (call it from the {@code @Deployment} method: the WAR's configuration needs its port)
 * and stopped when the JVM exits. Its tokens are fetched over HTTP from its token endpoint, as a client would. Its URLs
 * say {@code localhost} (loopback, so the filter accepts plain-http discovery and JWKS there), and tokens carry
 * {@code iss} = {@link #issuer()}; each issuer id ({@link #tokenFromIssuer}) is another issuer with its own key.
 * {@code SeveralIssuersIT} uses it.
 */
public final class MockOAuth2Issuer {
    /** The path segment of the issuer URL: {@code http://localhost:<port>/tokengate}. */
    public static final String ISSUER_ID = "tokengate";
    /** The audience the test WARs are configured with. */
    public static final String AUDIENCE = "https://api.tokengate.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MockOAuth2Issuer instance;

    private final MockOAuth2Server server;

    private MockOAuth2Issuer(MockOAuth2Server server) {
        this.server = server;
    }

    /** The running issuer; starts it on first use. */
    public static synchronized MockOAuth2Issuer get() {
        if (instance == null) {
            MockOAuth2Server server = new MockOAuth2Server();
            try {
                server.start(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            instance = new MockOAuth2Issuer(server);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mock-oauth2-server shutdown"));
            System.out.println("[it] mock-oauth2-server issuer " + instance.issuer());
        }
        return instance;
    }

    /** The underlying server, e.g. for {@code issueToken} or {@code takeRequest}. */
    public MockOAuth2Server server() {
        return server;
    }

    public int port() {
        return server.issuerUrl(ISSUER_ID).port();
    }

    /** {@code http://localhost:<port>/tokengate}: what {@code mp.jwt.verify.issuer} must say. */
    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    public URI discoveryUri() {
        return URI.create(server.wellKnownUrl(ISSUER_ID).toString());
    }

    public URI jwksUri() {
        return URI.create(server.jwksUrl(ISSUER_ID).toString());
    }

    public URI tokenEndpoint() {
        return URI.create(server.tokenEndpointUrl(ISSUER_ID).toString());
    }

    /** A token for {@code subject} with {@code aud} = {@link #AUDIENCE}, valid for an hour, fetched over HTTP. */
    public String token(String subject) {
        return token(subject, List.of(AUDIENCE), Map.of(), 3600);
    }

    /** A token from another issuer of the same mock server: its {@code iss} is not the configured one. */
    public String tokenFromIssuer(String issuerId, String subject, List<String> audience) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", audience, Map.of(), 3600));
        URI endpoint = URI.create(server.tokenEndpointUrl(issuerId).toString());
        HttpResponse<String> response = LoopbackHttp.postForm(endpoint, Map.of(
                "grant_type", "client_credentials", "client_id", subject, "client_secret", "not-checked"));
        try {
            return JSON.readTree(response.body()).required("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token endpoint answered no JSON: " + response.body(), e);
        }
    }

    /**
     * Asks the token endpoint over HTTP (client_credentials grant, {@code client_id} = {@code subject}, which the mock
     * server makes the {@code sub}) for an RS256 JWT with these audiences and extra claims (e.g. {@code scope},
     * {@code scp}, {@code permissions}, {@code azp}), expiring {@code expirySeconds} from now (negative: already expired).
     */
    public String token(String subject, List<String> audience, Map<String, Object> claims, long expirySeconds) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER_ID, subject, "JWT", audience, claims, expirySeconds));
        HttpResponse<String> response = LoopbackHttp.postForm(tokenEndpoint(), Map.of(
                "grant_type", "client_credentials",
                "client_id", subject,
                "client_secret", "not-checked"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.required("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token endpoint answered no JSON: " + response.body(), e);
        }
    }
}
