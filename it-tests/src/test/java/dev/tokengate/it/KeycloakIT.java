package dev.tokengate.it;

import dev.tokengate.it.monitoring.JmxServlet;
import dev.tokengate.it.support.KeycloakIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Keycloak (26.7, {@link KeycloakIssuer}) as the issuer, configured as the README's Keycloak recipe says: the
 * issuer and its keys by discovery, the API as the audience (an audience mapper), realm and client roles, DPoP
 * allowed, JWTs introspected so that revocation counts and lightweight access tokens work. Keycloak boots once per CI
 * run, so this runs on one server of the matrix: Payara Micro 6, where the Keycloak user met tokengate.
 */
@EnabledIfSystemProperty(named = KeycloakIT.RUN, matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class KeycloakIT {
    /** Set (it-tests/pom.xml) for the one run that boots Keycloak. */
    static final String RUN = "tokengate.it.keycloak";

    static final String MISSING_ROLE = "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
            + "The access token does not carry a role this resource requires.\"";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        KeycloakIssuer keycloak = KeycloakIssuer.get();
        Map<String, String> config = new java.util.LinkedHashMap<>();
        // the README's Keycloak recipe: no key location (discovery), the realm's issuer without a trailing slash
        config.put("mp.jwt.verify.issuer", keycloak.issuer());
        config.put("mp.jwt.verify.audiences", KeycloakIssuer.API);
        config.put("tokengate.roles.claims", "realm_access.roles,resource_access." + KeycloakIssuer.API + ".roles");
        config.put("tokengate.dpop.policy", "allowed");
        config.put("tokengate.jwt.introspect", "always");
        config.put("tokengate.introspection.client-id", KeycloakIssuer.API);
        config.put("tokengate.introspection.client-secret", KeycloakIssuer.API_SECRET);
        config.put("tokengate.resource-metadata.enabled", "false");
        return TestWars.withTokengate("keycloak", config)
                .addClasses(KeycloakApi.class, KeycloakApi.Patients.class, KeycloakApi.Ward.class,
                        KeycloakApi.Audit.class, KeycloakApi.Admin.class, KeycloakApi.LabResults.class, JmxServlet.class)
                .addAsWebInfResource(new StringAsset(RolesIT.PAYARA_WEB_XML), "payara-web.xml");
    }

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    private static String alice() {
        return KeycloakIssuer.get().token(KeycloakIssuer.CLIENT, "read:patients");
    }

    /** DPoP is allowed (the recipe): a 401 offers both schemes, the one of the client's request first with the error. */
    private static String[] invalidToken(String description) {
        return new String[] {"Bearer realm=\"api\", error=\"invalid_token\", error_description=\"" + description + "\"",
                "DPoP realm=\"api\", algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512 EdDSA\""};
    }

    private long counter(String line) {
        return LoopbackHttp.get(uri("tokengate-jmx")).body().lines().filter(l -> l.startsWith(line + "="))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf('=') + 1))).sum();
    }

    @Test
    @Order(1)
    void anAudienceMappedTokenReachesScopesAndTheRealmAndClientRoles() {
        String token = alice();
        HttpResponse<String> patients = LoopbackHttp.getWithBearer(uri("rest/patients"), token);
        assertThat(patients.statusCode()).as(patients.body()).isEqualTo(200);
        assertThat(patients.body()).isEqualTo("patients for " + KeycloakIssuer.USER);
        assertThat(LoopbackHttp.getWithBearer(uri("rest/ward"), token).body()).isEqualTo("ward");
        assertThat(LoopbackHttp.getWithBearer(uri("rest/audit"), token).body()).isEqualTo("audit");

        HttpResponse<String> admin = LoopbackHttp.getWithBearer(uri("rest/admin"), token);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.headers().allValues("WWW-Authenticate")).containsExactly(MISSING_ROLE);
    }

    @Test
    @Order(2)
    void aForeignRealmsTokenIsRefusedByIssuerAndARotationRightAfterIsPickedUp() {
        String foreign = KeycloakIssuer.get().token(KeycloakIssuer.OTHER_REALM, KeycloakIssuer.OTHER_CLIENT, "read:patients");
        HttpResponse<String> refused = LoopbackHttp.getWithBearer(uri("rest/patients"), foreign);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The access token was not issued by the trusted issuer."));
        assertThat(counter("Refusals wrong_issuer unknown") + counter("Refusals wrong_issuer default")).isEqualTo(1);
        assertThat(counter("Refusals unknown_key unknown") + counter("Refusals unknown_key default")).isZero();

        // The foreign token touched no key set, so the rate-limited refetch is still there for a real rotation:
        // a token signed by the new key works at once, without a restart.
        KeycloakIssuer.get().rotateKeys(false);
        HttpResponse<String> rotated = LoopbackHttp.getWithBearer(uri("rest/patients"), alice());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aDPoPBoundTokenWithAProofFromNimbus() {
        KeycloakIssuer.DPoPToken bound = KeycloakIssuer.get().dpopToken("read:patients");
        URI lab = uri("rest/lab-results");
        HttpResponse<String> proven = LoopbackHttp.get(lab, Map.of("Authorization", "DPoP " + bound.accessToken(),
                "DPoP", bound.proof("GET", lab)));
        assertThat(proven.statusCode()).as(proven.body()).isEqualTo(200);
        assertThat(proven.body()).isEqualTo("lab results for " + KeycloakIssuer.USER + " over DPoP");

        // the same token without its proof, as a bearer token: refused (RFC 9449 §7.2)
        assertThat(LoopbackHttp.getWithBearer(uri("rest/patients"), bound.accessToken()).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void aLightweightTokenGetsItsAudienceAndRolesByIntrospection() {
        String lightweight = KeycloakIssuer.get().token(KeycloakIssuer.LIGHTWEIGHT_CLIENT, "read:patients");
        assertThat(KeycloakIssuer.get().introspect(lightweight).path("active").asBoolean()).isTrue();
        HttpResponse<String> ward = LoopbackHttp.getWithBearer(uri("rest/ward"), lightweight);
        assertThat(ward.statusCode()).as(ward.body()).isEqualTo(200);
        assertThat(LoopbackHttp.getWithBearer(uri("rest/patients"), lightweight).body())
                .isEqualTo("patients for " + KeycloakIssuer.USER);
    }

    @Test
    @Order(5)
    void aRevokedTokenIsRefused() {
        String token = alice();
        KeycloakIssuer.get().revoke(KeycloakIssuer.CLIENT, token);
        HttpResponse<String> refused = LoopbackHttp.getWithBearer(uri("rest/patients"), token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate"))
                .containsExactly(invalidToken("The issuer does not recognise the access token as active."));
    }
}
