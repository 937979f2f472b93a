package dev.tokengate.web;

import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.mtls.CertificateThumbprint;
import dev.tokengate.testing.DPoPProofs;
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

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sender-constrained tokens through the filter, over HTTP: DPoP (RFC 9449) under each policy, with nonces, and
 * certificate-bound tokens (RFC 8705) through a trusted proxy's header.
 */
class DPoPTest {
    static final TestKeys ISSUER_KEY = TestKeys.rsa("key-1");
    static final TestKeys CLIENT = TestKeys.ec(null, "secp256r1", "ES256");
    static final String ALGS = "algs=\"ES256 RS256\"";
    static final String PATH = "/secure/whoami";

    static JwksServer issuer;

    @BeforeAll
    static void startIssuer() {
        issuer = new JwksServer().serve(ISSUER_KEY);
    }

    @AfterAll
    static void stopIssuer() throws Exception {
        issuer.close();
    }

    static ServletServer app(String... more) throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.PROTECTED_PATHS, "/secure/*",
                PropertyNames.DPOP_ALGORITHMS, "ES256,RS256"));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        MapProperties config = MapProperties.of();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            config = config.with(property.getKey(), property.getValue());
        }
        return new ServletServer(config);
    }

    static String boundToken() {
        return Tokens.valid(ISSUER_KEY).claim("iss", issuer.issuer()).claim("cnf", DPoPProofs.confirmation(CLIENT))
                .signWith(ISSUER_KEY);
    }

    static String plainToken() {
        return Tokens.valid(ISSUER_KEY).claim("iss", issuer.issuer()).signWith(ISSUER_KEY);
    }

    static String proof(ServletServer app, String token) {
        return DPoPProofs.of(CLIENT, "GET", app.uri(PATH).toString(), token).sign();
    }

    static String refusal(String scheme, String description) {
        return scheme + " realm=\"api\", error=\"invalid_token\", error_description=\"" + description + "\""
                + (scheme.equals("DPoP") ? ", " + ALGS : "");
    }

    static String proofRefusal(String description) {
        return "DPoP realm=\"api\", error=\"invalid_dpop_proof\", error_description=\"" + description + "\", " + ALGS;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhereDPoPIsAllowed {
        ServletServer app;

        @BeforeAll
        void start() throws Exception {
            app = app(PropertyNames.DPOP_POLICY, "allowed");
        }

        @AfterAll
        void stop() throws Exception {
            app.close();
        }

        @Test
        void aBoundTokenWithItsProofIsLetInAsDPoP() throws Exception {
            String token = boundToken();
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, token));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("user-1|DPoP|false");
        }

        @Test
        void aPlainBearerTokenStillPasses() throws Exception {
            assertThat(app.get(PATH, "Authorization", "Bearer " + plainToken()).body()).isEqualTo("user-1|Bearer|false");
        }

        @Test
        void noTokenIsOfferedBothSchemes() throws Exception {
            HttpResponse<String> response = app.get(PATH);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"api\"", "DPoP realm=\"api\", " + ALGS);
        }

        @Test
        void aBoundTokenSentAsBearerIsRefused() throws Exception {
            HttpResponse<String> response = app.get(PATH, "Authorization", "Bearer " + boundToken());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                    refusal("Bearer", "The access token is bound to a DPoP key and must be sent with the DPoP scheme and a proof."),
                    "DPoP realm=\"api\", " + ALGS);
        }

        @Test
        void theDpopSchemeWithoutAProofIsRefused() throws Exception {
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + boundToken());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                    proofRefusal("The request must carry exactly one DPoP proof."), "Bearer realm=\"api\"");
            assertThat(response.body()).contains("\"error\":\"invalid_dpop_proof\"");
        }

        @Test
        void twoProofsAreRefused() throws Exception {
            String token = boundToken();
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, token),
                    "DPoP", proof(app, token));
            assertThat(response.headers().allValues("WWW-Authenticate")).first()
                    .isEqualTo(proofRefusal("The request must carry exactly one DPoP proof."));
        }

        @Test
        void aProofForAnotherPathIsRefused() throws Exception {
            String token = boundToken();
            String proof = DPoPProofs.of(CLIENT, "GET", app.uri("/secure/other").toString(), token).sign();
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).first()
                    .isEqualTo(proofRefusal("The DPoP proof was made for a different request."));
        }

        @Test
        void aProofForAnotherTokenIsRefused() throws Exception {
            String token = boundToken();
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, boundToken() + "x"));
            assertThat(response.headers().allValues("WWW-Authenticate")).first()
                    .isEqualTo(proofRefusal("The DPoP proof was made for a different access token."));
        }

        @Test
        void aReplayedProofIsRefused() throws Exception {
            String token = boundToken();
            String proof = proof(app, token);
            assertThat(app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof).statusCode()).isEqualTo(200);
            HttpResponse<String> replay = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof);
            assertThat(replay.statusCode()).isEqualTo(401);
            assertThat(replay.headers().allValues("WWW-Authenticate")).first()
                    .isEqualTo(proofRefusal("The DPoP proof has been used before, or cannot be recorded now."));
        }

        @Test
        void anUnboundTokenWithTheDpopSchemeIsRefused() throws Exception {
            String token = plainToken();
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, token));
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                    refusal("DPoP", "The access token is not bound to the key of the DPoP proof."), "Bearer realm=\"api\"");
        }

        @Test
        void anExpiredTokenWithItsProofIsRefusedInTheDpopChallenge() throws Exception {
            long now = Instant.now().getEpochSecond();
            String token = Tokens.valid(ISSUER_KEY).claim("iss", issuer.issuer()).claim("iat", now - 7200)
                    .claim("exp", now - 3600).claim("cnf", DPoPProofs.confirmation(CLIENT)).signWith(ISSUER_KEY);
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, token));
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                    refusal("DPoP", "The access token has expired."), "Bearer realm=\"api\"");
        }

        @Test
        void publicPathsIgnoreABrokenDpopRequest() throws Exception {
            assertThat(app.get("/public/x", "Authorization", "DPoP " + boundToken(), "DPoP", "garbage").statusCode())
                    .isEqualTo(200);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithIntrospectedTokens {
        final dev.tokengate.testing.OpaqueIssuer introspection = new dev.tokengate.testing.OpaqueIssuer();
        ServletServer app;

        @BeforeAll
        void start() throws Exception {
            long exp = Instant.now().getEpochSecond() + 300;
            introspection.introspects("opaque-bound", "{\"active\":true,\"sub\":\"user-2\",\"exp\":" + exp
                    + ",\"cnf\":{\"jkt\":\"" + DPoPProofs.thumbprint(CLIENT) + "\"}}");
            app = app(PropertyNames.DPOP_POLICY, "allowed",
                    PropertyNames.OPAQUE_VALIDATION, "introspection",
                    PropertyNames.INTROSPECTION_ENDPOINT, introspection.introspectionEndpoint().toString(),
                    PropertyNames.INTROSPECTION_CLIENT_ID, dev.tokengate.testing.OpaqueIssuer.CLIENT_ID,
                    PropertyNames.INTROSPECTION_CLIENT_SECRET, dev.tokengate.testing.OpaqueIssuer.CLIENT_SECRET);
        }

        @AfterAll
        void stop() throws Exception {
            app.close();
            introspection.close();
        }

        @Test
        void theIntrospectionResponsesConfirmationBindsTheOpaqueToken() throws Exception {
            HttpResponse<String> proven = app.get(PATH, "Authorization", "DPoP opaque-bound", "DPoP", proof(app, "opaque-bound"));
            assertThat(proven.statusCode()).isEqualTo(200);
            assertThat(proven.body()).isEqualTo("user-2|DPoP|false");
            assertThat(app.get(PATH, "Authorization", "Bearer opaque-bound").headers().allValues("WWW-Authenticate"))
                    .first().isEqualTo(refusal("Bearer",
                            "The access token is bound to a DPoP key and must be sent with the DPoP scheme and a proof."));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhereDPoPIsRequired {
        ServletServer app;

        @BeforeAll
        void start() throws Exception {
            app = app(PropertyNames.DPOP_POLICY, "required");
        }

        @AfterAll
        void stop() throws Exception {
            app.close();
        }

        @Test
        void aBearerTokenIsRefusedWithTheDpopChallengeAlone() throws Exception {
            HttpResponse<String> response = app.get(PATH, "Authorization", "Bearer " + plainToken());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .containsExactly(refusal("DPoP", "This resource accepts only DPoP-bound access tokens."));
        }

        @Test
        void noTokenIsOfferedDpopAlone() throws Exception {
            assertThat(app.get(PATH).headers().allValues("WWW-Authenticate")).containsExactly("DPoP realm=\"api\", " + ALGS);
        }

        @Test
        void aBoundTokenWithItsProofIsLetIn() throws Exception {
            String token = boundToken();
            assertThat(app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, token)).body())
                    .isEqualTo("user-1|DPoP|false");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhereDPoPIsDisabled {
        ServletServer app;

        @BeforeAll
        void start() throws Exception {
            app = app();
        }

        @AfterAll
        void stop() throws Exception {
            app.close();
        }

        @Test
        void theDpopSchemeIsForeignSoTheRequestHasNoToken() throws Exception {
            String token = boundToken();
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, token));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
        }

        @Test
        void aBoundTokenIsNeverTakenAsABearerToken() throws Exception {
            HttpResponse<String> response = app.get(PATH, "Authorization", "Bearer " + boundToken());
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                    refusal("Bearer", "The access token is bound to a DPoP key and must be sent with the DPoP scheme and a proof."));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithNonces {
        ServletServer app;

        @BeforeAll
        void start() throws Exception {
            app = app(PropertyNames.DPOP_POLICY, "allowed", PropertyNames.DPOP_NONCES, "true");
        }

        @AfterAll
        void stop() throws Exception {
            app.close();
        }

        @Test
        void aProofWithoutTheNonceIsAskedForItAndTheRetryPasses() throws Exception {
            String token = boundToken();
            HttpResponse<String> first = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof(app, token));
            assertThat(first.statusCode()).isEqualTo(401);
            assertThat(first.headers().allValues("WWW-Authenticate")).first().isEqualTo("DPoP realm=\"api\","
                    + " error=\"use_dpop_nonce\", error_description=\"The DPoP proof must carry the nonce this API"
                    + " provided.\", " + ALGS);
            String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();

            String retry = DPoPProofs.of(CLIENT, "GET", app.uri(PATH).toString(), token).claim("nonce", nonce).sign();
            HttpResponse<String> second = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", retry);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().allValues("DPoP-Nonce")).containsExactly(nonce);
        }

        @Test
        void aMadeUpNonceIsRefused() throws Exception {
            String token = boundToken();
            String proof = DPoPProofs.of(CLIENT, "GET", app.uri(PATH).toString(), token).claim("nonce", "guess").sign();
            HttpResponse<String> response = app.get(PATH, "Authorization", "DPoP " + token, "DPoP", proof);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"error\":\"use_dpop_nonce\"");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithResourceMetadata {
        @Test
        void theDocumentAdvertisesDpop() throws Exception {
            try (ServletServer app = app(PropertyNames.DPOP_POLICY, "required", PropertyNames.RESOURCE_METADATA, "true")) {
                String document = app.get("/.well-known/oauth-protected-resource").body();
                assertThat(document).contains("\"dpop_signing_alg_values_supported\":[\"ES256\",\"RS256\"]")
                        .contains("\"dpop_bound_access_tokens_required\":true");
            }
        }

        @Test
        void bothChallengesPointToTheDocument() throws Exception {
            try (ServletServer app = app(PropertyNames.DPOP_POLICY, "allowed", PropertyNames.RESOURCE_METADATA, "true")) {
                String metadata = ", resource_metadata=\"" + app.uri("/.well-known/oauth-protected-resource") + "\"";
                assertThat(app.get(PATH).headers().allValues("WWW-Authenticate"))
                        .containsExactly("Bearer realm=\"api\"" + metadata, "DPoP realm=\"api\", " + ALGS + metadata);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CertificateBoundTokens {
        final X509Certificate clientA = certificate("/client-a.pem");
        final X509Certificate clientB = certificate("/client-b.pem");

        String boundTo(X509Certificate certificate) {
            return Tokens.valid(ISSUER_KEY).claim("iss", issuer.issuer())
                    .claim("cnf", Map.of("x5t#S256", CertificateThumbprint.of(certificate))).signWith(ISSUER_KEY);
        }

        @Test
        void theTrustedProxysCertificateHeaderMustHoldTheBoundCertificate() throws Exception {
            try (ServletServer app = app(PropertyNames.CLIENT_CERTIFICATE_HEADER, "X-Client-Cert",
                    PropertyNames.CLIENT_CERTIFICATE_TRUSTED_PROXIES, "127.0.0.1")) {
                String token = "Bearer " + boundTo(clientA);
                assertThat(app.get(PATH, "Authorization", token, "X-Client-Cert", urlEncodedPem(clientA)).statusCode())
                        .isEqualTo(200);
                HttpResponse<String> wrong = app.get(PATH, "Authorization", token, "X-Client-Cert", urlEncodedPem(clientB));
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.headers().allValues("WWW-Authenticate")).containsExactly(refusal("Bearer",
                        "The access token is bound to a client certificate this request was not sent with."));
                assertThat(app.get(PATH, "Authorization", token).statusCode()).isEqualTo(401);
            }
        }

        @Test
        void theHeaderFromAnUntrustedAddressIsIgnored() throws Exception {
            try (ServletServer app = app(PropertyNames.CLIENT_CERTIFICATE_HEADER, "X-Client-Cert",
                    PropertyNames.CLIENT_CERTIFICATE_TRUSTED_PROXIES, "10.1.2.3")) {
                HttpResponse<String> response = app.get(PATH, "Authorization", "Bearer " + boundTo(clientA),
                        "X-Client-Cert", urlEncodedPem(clientA));
                assertThat(response.statusCode()).isEqualTo(401);
            }
        }

        @Test
        void withoutTlsOrAProxyACertificateBoundTokenIsRefused() throws Exception {
            try (ServletServer app = app()) {
                assertThat(app.get(PATH, "Authorization", "Bearer " + boundTo(clientA)).statusCode()).isEqualTo(401);
            }
        }

        X509Certificate certificate(String resource) {
            try (InputStream pem = DPoPTest.class.getResourceAsStream(resource)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String urlEncodedPem(X509Certificate certificate) throws Exception {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return URLEncoder.encode(pem, StandardCharsets.UTF_8);
        }
    }
}
