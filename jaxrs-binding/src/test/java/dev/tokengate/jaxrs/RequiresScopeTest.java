package dev.tokengate.jaxrs;

import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.DPoPProofs;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.OpaqueIssuer;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real filter and binding in a real Jakarta REST runtime inside a real servlet container (Jetty), called over HTTP
 * on 127.0.0.1, with tokens signed by a key served from a loopback JWKS endpoint. The runtime is Jersey, or Apache CXF
 * (TomEE's, which this project cannot run itself) when {@value #RUNTIME_PROPERTY} is {@code cxf}: the jaxrs-binding
 * pom's {@code cxf} execution runs this class again that way, with CXF on the class path and Jersey off it.
 */
class RequiresScopeTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    static final TestKeys STRANGER = TestKeys.rsa("key-1");
    static final TestKeys PARTNER_KEY = TestKeys.rsa("partner-key");
    static final String PARTNER = "https://partner.example.test/";
    static final String BARE = "Bearer realm=\"api\"";

    static JwksServer issuer;
    static OpaqueIssuer userinfo;
    static ServletServer app;

    @BeforeAll
    static void start() throws Exception {
        issuer = new JwksServer().serve(KEY);
        userinfo = new OpaqueIssuer();
        app = new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.USERINFO_ENDPOINT, userinfo.userinfoEndpoint().toString(),
                PropertyNames.READ_TIMEOUT, "500ms",
                PropertyNames.ISSUERS, "partner",
                "tokengate.issuer.partner.issuer", PARTNER,
                "tokengate.issuer.partner.audiences", Tokens.AUDIENCE,
                "tokengate.issuer.partner.publickey", TestKeys.jwks(PARTNER_KEY)),
                context -> {
                    context.addServlet(jersey(TestResources.PlainApp.class), "/api/*");
                    context.addServlet(jersey(TestResources.ScopedApp.class), "/scoped/*");
                });
    }

    static final String RUNTIME_PROPERTY = "tokengate.test.jaxrs-runtime";

    /** The runtime's servlet, named rather than referenced: only one runtime is on the class path of a run. */
    static ServletHolder jersey(Class<?> application) {
        ServletHolder holder = new ServletHolder();
        holder.setClassName("cxf".equals(System.getProperty(RUNTIME_PROPERTY))
                ? "org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet"
                : "org.glassfish.jersey.servlet.ServletContainer");
        holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
        holder.setInitOrder(1);
        return holder;
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        issuer.close();
        userinfo.close();
    }

    static String token(String scope) {
        Tokens tokens = Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("scope", scope);
        return "Bearer " + tokens.signWith(KEY);
    }

    static HttpResponse<String> get(String path, String authorization) throws Exception {
        return authorization == null ? app.get(path) : app.get(path, "Authorization", authorization);
    }

    static void assertOk(HttpResponse<String> response, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    static void assertChallenge(HttpResponse<String> response, int status, String challenge, String problemDetail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status, "\"detail\":\"" + problemDetail + "\"");
    }

    static void assertForbidden(HttpResponse<String> response, String scopes) {
        assertChallenge(response, 403, "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
                        + "The access token does not grant the scope this resource requires.\", scope=\"" + scopes + "\"",
                "The access token does not grant the scope this resource requires.");
        assertThat(response.body()).contains("\"error\":\"insufficient_scope\"");
    }

    @Test
    void methodAnnotationsNeedTheirScope() throws Exception {
        assertOk(get("/api/patients", token("read:patients")), "patients");
        assertForbidden(get("/api/patients", token("write:patients")), "read:patients");
        assertOk(app.post("/api/patients", "Authorization", token("read:patients write:patients")), "created");
        assertForbidden(app.post("/api/patients", "Authorization", token("write:patients")), "write:patients read:patients");
    }

    @Test
    void classAnnotationsApplyUnlessTheMethodHasItsOwn() throws Exception {
        assertOk(get("/api/admin", token("read:admin")), "admin");
        assertForbidden(get("/api/admin", token("read:patients")), "read:admin");
        assertOk(get("/api/admin/any-token", token("")), "any");
        assertChallenge(get("/api/admin/any-token", null), 401, BARE, "An access token is required.");
    }

    @Test
    void anyMeansOneOfThem() throws Exception {
        assertOk(get("/api/records", token("read:patients")), "records");
        assertOk(get("/api/records", token("read:admin")), "records");
        assertForbidden(get("/api/records", token("write:patients")), "read:patients read:admin");
    }

    @Test
    void scopesCompareExactly() throws Exception {
        assertForbidden(get("/api/patients", token("READ:patients")), "read:patients");
        assertForbidden(get("/api/patients", token("read:patient")), "read:patients");
        assertForbidden(get("/api/patients", token("read:patients:all")), "read:patients");
        assertForbidden(get("/api/patients", token("read")), "read:patients");
    }

    @Test
    void everyScopeClaimFormatCounts() throws Exception {
        String okta = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("scope", null)
                .claim("scp", List.of("read:patients")).signWith(KEY);
        String auth0 = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("scope", "openid profile")
                .claim("permissions", List.of("read:admin")).signWith(KEY);
        String scpString = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("scope", null)
                .claim("scp", "read:patients other").signWith(KEY);
        assertOk(get("/api/patients", okta), "patients");
        assertOk(get("/api/admin", auth0), "admin");
        assertOk(get("/api/patients", scpString), "patients");
        assertForbidden(get("/api/patients", auth0), "read:patients");
    }

    @Test
    void interfaceMethodAnnotationsCount() throws Exception {
        assertOk(get("/api/reports", token("read:reports")), "reports");
        assertForbidden(get("/api/reports", token("read:patients")), "read:reports");
    }

    @Test
    void subResourceMethodsAreGuardedToo() throws Exception {
        assertOk(get("/api/wards/7", token("read:wards")), "ward");
        assertForbidden(get("/api/wards/7", token("read:patients")), "read:wards");
        assertChallenge(get("/api/wards/7", null), 401, BARE, "An access token is required.");
    }

    @Test
    void anAnnotatedLocatorOrLocatorClassGuardsWhatItLeadsTo() throws Exception {
        assertChallenge(get("/api/guarded-wards/7", null), 401, BARE, "An access token is required.");
        assertForbidden(get("/api/guarded-wards/7", token("read:patients")), "read:wards");
        assertOk(get("/api/guarded-wards/7", token("read:wards")), "open ward");
        // The locator's own annotation replaces its class's.
        assertForbidden(get("/api/guarded-wards/7/notes", token("read:wards")), "read:notes");
        assertOk(get("/api/guarded-wards/7/notes", token("read:notes")), "notes");
    }

    @Test
    void unannotatedResourcesStayOpen() throws Exception {
        assertOk(get("/api/open", null), "open");
        assertOk(get("/api/open", "Bearer not-a-valid-token"), "open");
    }

    @Test
    void withoutAValidTokenTheAnswerIs401WithTheFiltersReason() throws Exception {
        assertChallenge(get("/api/patients", null), 401, BARE, "An access token is required.");
        assertChallenge(get("/api/patients", "Basic dXNlcjpwYXNz"), 401, BARE, "An access token is required.");
        String expired = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("exp", 1000).signWith(KEY);
        assertChallenge(get("/api/patients", expired), 401,
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token has expired.\"",
                "The access token has expired.");
        String forged = "Bearer " + Tokens.valid(STRANGER).claim("iss", issuer.issuer()).signWith(STRANGER);
        assertChallenge(get("/api/patients", forged), 401,
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token signature is invalid.\"",
                "The access token signature is invalid.");
        assertChallenge(get("/api/patients", "Bearer a b"), 400,
                "Bearer realm=\"api\", error=\"invalid_request\", error_description=\"The Authorization header is not a well-formed Bearer credential.\"",
                "The Authorization header is not a well-formed Bearer credential.");
    }

    @Test
    void theSecurityContextReflectsTheToken() throws Exception {
        String token = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("preferred_username", "ann")
                .claim("groups", List.of("nurses")).signWith(KEY);
        // read:patients is a scope of the token, not a role (tokengate.roles.include-scopes defaults to false)
        assertOk(get("/api/me", token), "ann|false|true|false|Bearer");
    }

    @Test
    void theCallersProfileIsFetchedOnDemandOnceWithTheirToken() throws Exception {
        String token = Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("sub", "profile-user").signWith(KEY);
        userinfo.userinfo(token, "{\"sub\":\"profile-user\",\"email\":\"ada@example.test\"}");
        int before = userinfo.userinfoCalls();
        assertOk(get("/api/open", "Bearer " + token), "open");
        assertOk(get("/api/me", "Bearer " + token), "profile-user|false|false|false|Bearer");
        assertThat(userinfo.userinfoCalls()).as("no profile fetched until a resource asks").isEqualTo(before);
        assertOk(get("/api/profile", "Bearer " + token), "ada@example.test|profile-user");
        assertOk(get("/api/profile", "Bearer " + token), "ada@example.test|profile-user");
        assertThat(userinfo.userinfoCalls()).isEqualTo(before + 1);
        // A token the userinfo endpoint refuses has no profile; the resource still runs.
        assertOk(get("/api/profile", token("read:patients")), "none");
    }

    @Test
    void anUnreachableUserinfoEndpointIsA503() throws Exception {
        String token = Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("sub", "unlucky-user").signWith(KEY);
        userinfo.failWith(502);
        try {
            HttpResponse<String> response = get("/api/profile", "Bearer " + token);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        } finally {
            userinfo.failWith(0);
        }
    }

    @Test
    void withoutTheFilterAGuardedResourceNeverRuns() throws Exception {
        // The filter is mapped away from the API: nothing validated the token, so nothing may pass.
        try (ServletServer unfiltered = new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.URL_PATTERNS, "/elsewhere/*"),
                context -> context.addServlet(jersey(TestResources.PlainApp.class), "/api/*"))) {
            HttpResponse<String> response = unfiltered.get("/api/patients", "Authorization", token("read:patients"));
            assertChallenge(response, 401, BARE, "An access token is required.");
            assertOk(unfiltered.get("/api/open"), "open");
        }
    }

    @Test
    void anAnnotatedApplicationBindsEveryResource() throws Exception {
        assertChallenge(get("/scoped/open", null), 401, BARE, "An access token is required.");
        assertForbidden(get("/scoped/open", token("read:patients")), "app:access");
        assertOk(get("/scoped/open", token("app:access")), "open");
        // A resource's own annotation replaces the application's.
        assertOk(get("/scoped/patients", token("read:patients")), "patients");
    }

    static String withGroups(String scope, String... groups) {
        return "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("scope", scope)
                .claim("groups", List.of(groups)).signWith(KEY);
    }

    static final String MISSING_ROLE = "The access token does not carry a role this resource requires.";
    static final String CLOSED = "This resource is not open to any caller.";

    static void assertRoleMissing(HttpResponse<String> response) {
        assertChallenge(response, 403, "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
                + MISSING_ROLE + "\"", MISSING_ROLE);
    }

    @Test
    void rolesAllowedNeedsOneOfTheRoles() throws Exception {
        assertOk(get("/api/staff", withGroups("", "nurse")), "staff");
        assertRoleMissing(get("/api/staff", withGroups("", "doctor")));
        assertOk(get("/api/staff/admins", withGroups("", "ops")), "admins");
        assertRoleMissing(get("/api/staff/admins", withGroups("", "nurse")));
    }

    @Test
    void rolesAllowedWithoutAValidTokenIsTheBearerChallengeNeverBasic() throws Exception {
        assertChallenge(get("/api/staff", null), 401, BARE, "An access token is required.");
        assertChallenge(get("/api/staff", "Basic dXNlcjpwYXNz"), 401, BARE, "An access token is required.");
    }

    @Test
    void aScopeNamedLikeARoleGrantsNoRole() throws Exception {
        assertThat(get("/api/staff", token("nurse")).statusCode()).isEqualTo(403);
    }

    @Test
    void permitAllOnTheMethodReplacesTheClassRoles() throws Exception {
        assertOk(get("/api/staff/open", null), "open staff");
        assertOk(get("/api/staff/open", withGroups("", "doctor")), "open staff");
    }

    @Test
    void denyAllRefusesEveryCaller() throws Exception {
        assertChallenge(get("/api/staff/closed", withGroups("", "nurse", "admin")), 403,
                "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"" + CLOSED + "\"", CLOSED);
        assertThat(get("/api/staff/closed", null).statusCode()).isEqualTo(403);
    }

    static String login(String acr, long secondsAgo, String scope) {
        return "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("scope", scope).claim("acr", acr)
                .claim("auth_time", java.time.Instant.now().getEpochSecond() - secondsAgo).signWith(KEY);
    }

    static final String STEP_UP = "Bearer realm=\"api\", error=\"insufficient_user_authentication\", "
            + "error_description=\"%s\", acr_values=\"phr phrh\", max_age=300";

    static final String UNACCEPTED = "This resource does not accept access tokens from this issuer.";

    @Test
    void aResourceRestrictedToAnIssuerAcceptsItsTokens() throws Exception {
        String partner = "Bearer " + Tokens.valid(PARTNER_KEY).claim("iss", PARTNER).claim("scope", "read:partner")
                .signWith(PARTNER_KEY);
        assertOk(get("/api/partners", partner), "partner");
        assertOk(get("/api/partners/any", token("")), "any issuer");
    }

    @Test
    void aTokenFromAnotherTrustedIssuerIsForbidden() throws Exception {
        assertChallenge(get("/api/partners", token("read:partner")), 403, "Bearer realm=\"api\", "
                + "error=\"insufficient_scope\", error_description=\"" + UNACCEPTED + "\"", UNACCEPTED);
    }

    @Test
    void theIssuerIsCheckedBeforeTheScope() throws Exception {
        String partnerWithoutScope = "Bearer " + Tokens.valid(PARTNER_KEY).claim("iss", PARTNER).claim("scope", "")
                .signWith(PARTNER_KEY);
        assertForbidden(get("/api/partners", partnerWithoutScope), "read:partner");
        assertChallenge(get("/api/partners", token("")), 403, "Bearer realm=\"api\", "
                + "error=\"insufficient_scope\", error_description=\"" + UNACCEPTED + "\"", UNACCEPTED);
    }

    @Test
    void aRestrictionToNoIssuerFailsTheDeployment() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IssuerRequirement(java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStrongRecentLoginOpensAStepUpResource() throws Exception {
        assertOk(get("/api/vault", login("phr", 10, "")), "vault");
    }

    @Test
    void aWeakLoginIsAskedToStepUp() throws Exception {
        assertChallenge(get("/api/vault", login("pwd", 10, "")), 401,
                STEP_UP.formatted("A different authentication level is required."),
                "A different authentication level is required.");
    }

    @Test
    void anOldLoginIsAskedToLogInAgain() throws Exception {
        assertChallenge(get("/api/vault", login("phrh", 3600, "")), 401,
                STEP_UP.formatted("More recent authentication is required."), "More recent authentication is required.");
    }

    @Test
    void aStepUpResourceWithoutATokenIsTheBareChallenge() throws Exception {
        assertChallenge(get("/api/vault", null), 401, BARE, "An access token is required.");
    }

    @Test
    void theLoginIsCheckedBeforeTheScopeAndBothMustHold() throws Exception {
        assertChallenge(get("/api/vault/scoped", login("pwd", 10, "")), 401,
                STEP_UP.formatted("A different authentication level is required."),
                "A different authentication level is required.");
        assertForbidden(get("/api/vault/scoped", login("phr", 10, "")), "read:vault");
        assertOk(get("/api/vault/scoped", login("phr", 10, "read:vault")), "scoped vault");
    }

    @Test
    void aMethodsEmptyStepUpReplacesTheClasssAndNeedsOnlyAValidToken() throws Exception {
        assertOk(get("/api/vault/any-login", login("pwd", 3600, "")), "any login");
        assertChallenge(get("/api/vault/any-login", null), 401, BARE, "An access token is required.");
    }

    @Test
    void anAcrValueThatCannotBeSentInAChallengeFailsTheDeployment() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoginRequirement(java.util.Set.of("two words"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two words");
    }

    @Test
    void aBeansRoleRefusalIsAnsweredLikeTheAnnotationOnTheResource() throws Exception {
        assertRoleMissing(get("/api/delegating/role-refused", withGroups("", "nurse")));
    }

    @Test
    void aBeansRefusalForWantOfACallerIsTheRequestsOwnChallenge() throws Exception {
        assertChallenge(get("/api/delegating/caller-unknown", null), 401, BARE, "An access token is required.");
        String expired = "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("exp", 1).signWith(KEY);
        assertChallenge(get("/api/delegating/caller-unknown", expired), 401, "Bearer realm=\"api\", "
                + "error=\"invalid_token\", error_description=\"The access token has expired.\"",
                "The access token has expired.");
    }

    @Test
    void aRoleAndAScopeMustBothHold() throws Exception {
        assertOk(get("/api/staff/scoped", withGroups("read:patients", "nurse")), "both");
        assertForbidden(get("/api/staff/scoped", withGroups("", "nurse")), "read:patients");
        assertRoleMissing(get("/api/staff/scoped", withGroups("read:patients", "doctor")));
    }

    static final TestKeys CLIENT = TestKeys.ec(null, "secp256r1", "ES256");
    static final String DPOP_ONLY = "DPoP realm=\"api\", algs=\"ES256\"";

    static ServletServer dpopApp() throws Exception {
        return new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.DPOP_POLICY, "allowed",
                PropertyNames.DPOP_ALGORITHMS, "ES256"),
                context -> context.addServlet(jersey(TestResources.PlainApp.class), "/api/*"));
    }

    static String boundToken(String scope) {
        return Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("scope", scope)
                .claim("cnf", DPoPProofs.confirmation(CLIENT)).signWith(KEY);
    }

    @Test
    void aDpopOnlyResourceLetsInABoundTokenWithItsProof() throws Exception {
        try (ServletServer dpop = dpopApp()) {
            String token = boundToken("write:payments");
            String proof = DPoPProofs.of(CLIENT, "GET", dpop.uri("/api/payments").toString(), token).sign();
            assertOk(dpop.get("/api/payments", "Authorization", "DPoP " + token, "DPoP", proof), "paid");
        }
    }

    @Test
    void theSecurityContextNamesTheDpopSchemeOfAProvenRequest() throws Exception {
        try (ServletServer dpop = dpopApp()) {
            String token = boundToken("read:patients");
            String proof = DPoPProofs.of(CLIENT, "GET", dpop.uri("/api/me").toString(), token).sign();
            HttpResponse<String> response = dpop.get("/api/me", "Authorization", "DPoP " + token, "DPoP", proof);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).endsWith("|DPoP");
        }
    }

    @Test
    void aDpopOnlyResourceRefusesABearerTokenWithTheDpopChallengeAlone() throws Exception {
        try (ServletServer dpop = dpopApp()) {
            String description = "This resource accepts only DPoP-bound access tokens.";
            assertChallenge(dpop.get("/api/payments", "Authorization", token("write:payments")), 401,
                    "DPoP realm=\"api\", error=\"invalid_token\", error_description=\"" + description + "\", algs=\"ES256\"",
                    description);
            assertChallenge(dpop.get("/api/payments"), 401, DPOP_ONLY, "An access token is required.");
        }
    }

    @Test
    void aDpopCallerWithoutTheScopeIsForbiddenInTheDpopScheme() throws Exception {
        try (ServletServer dpop = dpopApp()) {
            String token = boundToken("read:patients");
            String proof = DPoPProofs.of(CLIENT, "GET", dpop.uri("/api/payments").toString(), token).sign();
            String description = "The access token does not grant the scope this resource requires.";
            assertChallenge(dpop.get("/api/payments", "Authorization", "DPoP " + token, "DPoP", proof), 403,
                    "DPoP realm=\"api\", error=\"insufficient_scope\", error_description=\"" + description
                            + "\", scope=\"write:payments\", algs=\"ES256\"", description);
        }
    }

    @Test
    void aDpopOnlyResourceInAnApplicationWithoutDpopAnswers503() throws Exception {
        HttpResponse<String> response = get("/api/payments", token("write:payments"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aDpopOnlyResourceWorksWhereTheApplicationLeavesDpopOffAndOthersStayBearerOnly() throws Exception {
        try (ServletServer disabled = new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.DPOP_ALGORITHMS, "ES256"),
                context -> {
                    context.addServletContainerInitializer(new SupportedScopes(), TestResources.PlainApp.class,
                            TestResources.Payments.class, TestResources.Patients.class);
                    context.addServlet(jersey(TestResources.PlainApp.class), "/api/*");
                })) {
            String token = boundToken("write:payments");
            String proof = DPoPProofs.of(CLIENT, "GET", disabled.uri("/api/payments").toString(), token).sign();
            assertOk(disabled.get("/api/payments", "Authorization", "DPoP " + token, "DPoP", proof), "paid");
            assertChallenge(disabled.get("/api/payments"), 401, DPOP_ONLY, "An access token is required.");
            assertChallenge(disabled.get("/api/patients"), 401, BARE, "An access token is required.");
        }
    }
}
