package dev.tokengate.web;

import dev.tokengate.Scopes;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9728: the document, where it is served, and the challenges that point to it. */
class ResourceMetadataTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    static JwksServer issuer;

    @BeforeAll
    static void startIssuer() throws Exception {
        issuer = new JwksServer().serve(KEY);
    }

    @AfterAll
    static void stopIssuer() throws Exception {
        issuer.close();
    }

    static MapProperties base() {
        return MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.PROTECTED_PATHS, "/secure/*",
                PropertyNames.RESOURCE_METADATA, "true");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Derived {
        ServletServer app;

        @BeforeAll
        void start() throws Exception {
            app = new ServletServer(base().with(PropertyNames.RESOURCE_METADATA_SCOPES, "read:extra")
                    .with(PropertyNames.RESOURCE_METADATA_NAME, "Health \"API\"")
                    .with(PropertyNames.FORM_PARAMETER, "true"),
                    context -> context.setAttribute(Scopes.SUPPORTED_ATTRIBUTE, Set.of("write:patients", "read:patients")));
        }

        @AfterAll
        void stop() throws Exception {
            app.close();
        }

        String origin() {
            return "http://127.0.0.1:" + app.uri("/").getPort();
        }

        @Test
        void theDocumentNamesTheResourceTheIssuerTheScopesAndTheBearerMethods() throws Exception {
            HttpResponse<String> response = app.get("/.well-known/oauth-protected-resource");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
            assertThat(response.body()).isEqualTo("{\"resource\":\"" + origin() + "\",\"authorization_servers\":[\""
                    + issuer.issuer() + "\"],\"scopes_supported\":[\"read:extra\",\"read:patients\",\"write:patients\"],"
                    + "\"bearer_methods_supported\":[\"header\",\"body\"],\"resource_name\":\"Health \\\"API\\\"\"}");
        }

        @Test
        void everyChallengeTellsWhereTheDocumentIs() throws Exception {
            HttpResponse<String> response = app.get("/secure/whoami");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                    + "resource_metadata=\"" + origin() + "/.well-known/oauth-protected-resource\"");
        }

        @Test
        void anInvalidTokensChallengeToo() throws Exception {
            HttpResponse<String> response = app.get("/secure/whoami", "Authorization", "Bearer a.b.c");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).startsWith("Bearer realm=\"api\", error=\"invalid_token\"")
                            .endsWith(", resource_metadata=\"" + origin() + "/.well-known/oauth-protected-resource\""));
        }

        @Test
        void aMalformedRequestsChallengeDoesNot() throws Exception {
            HttpResponse<String> response = app.get("/secure/whoami", "Authorization", "Bearer a b");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).doesNotContain("resource_metadata"));
        }

        @Test
        void otherPathsBelowTheWellKnownOneAreNotFound() throws Exception {
            assertThat(app.get("/.well-known/oauth-protected-resource/other").statusCode()).isEqualTo(404);
        }

        @Test
        void forwardedHeadersAreNotTrustedUnlessConfigured() throws Exception {
            HttpResponse<String> response = app.get("/secure/whoami", "X-Forwarded-Host", "evil.example",
                    "X-Forwarded-Proto", "https", "Forwarded", "host=evil.example;proto=https");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).contains(origin()).doesNotContain("evil"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Configured {
        ServletServer app;

        @BeforeAll
        void start() throws Exception {
            app = new ServletServer(base().with(PropertyNames.RESOURCE_METADATA_RESOURCE, "https://api.example.test/v1")
                    .with(PropertyNames.RESOURCE_METADATA_DOCUMENTATION, "https://docs.example.test/api")
                    .with(PropertyNames.TRUST_FORWARDED_HEADERS, "true"));
        }

        @AfterAll
        void stop() throws Exception {
            app.close();
        }

        @Test
        void aResourceWithAPathIsServedAtThePathSuffixedLocation() throws Exception {
            HttpResponse<String> response = app.get("/.well-known/oauth-protected-resource/v1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"resource\":\"https://api.example.test/v1\",")
                    .endsWith("\"resource_documentation\":\"https://docs.example.test/api\"}");
            assertThat(app.get("/.well-known/oauth-protected-resource").statusCode()).isEqualTo(404);
        }

        @Test
        void trustedForwardedHeadersGiveTheOriginClientsUse() throws Exception {
            HttpResponse<String> response = app.get("/secure/whoami", "Forwarded",
                    "for=192.0.2.1;host=api.example.test;proto=https, for=10.0.0.1");
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                    + "resource_metadata=\"https://api.example.test/.well-known/oauth-protected-resource/v1\"");
            HttpResponse<String> xForwarded = app.get("/secure/whoami", "X-Forwarded-Host", "api.example.test:8443",
                    "X-Forwarded-Proto", "https");
            assertThat(xForwarded.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                    + "resource_metadata=\"https://api.example.test:8443/.well-known/oauth-protected-resource/v1\"");
        }

        @Test
        void aForwardedHostThatIsNoHostLeavesTheAttributeOut() throws Exception {
            HttpResponse<String> response = app.get("/secure/whoami", "X-Forwarded-Host", "a\"b", "X-Forwarded-Proto", "https");
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
        }
    }

    @Test
    void switchedOffThereIsNoDocumentAndNoAttribute() throws Exception {
        try (ServletServer app = new ServletServer(base().with(PropertyNames.RESOURCE_METADATA, "false"))) {
            assertThat(app.get("/.well-known/oauth-protected-resource").statusCode()).isEqualTo(404);
            assertThat(app.get("/secure/whoami").headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"api\"");
        }
    }
}
