package dev.tokengate.it;

import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestWars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on a JAX-RS resource give tokengate's answers on
 * every server, whatever the server's own role support does: Keycloak-shaped tokens (roles in
 * {@code realm_access.roles} and {@code resource_access.<client>.roles}), Entra ID's {@code roles} and Auth0's
 * namespaced claim, read through {@code tokengate.roles.claims}.
 */
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class RolesIT {
    static final String MISSING_ROLE = "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
            + "The access token does not carry a role this resource requires.\"";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        // Keycloak's realm and client roles, Entra ID's roles, Auth0's namespaced claim (a JSON Pointer: it has slashes)
        config.put("tokengate.roles.claims",
                "realm_access.roles,resource_access.patients-api.roles,roles,/https:~1~1example.com~1roles");
        config.put("tokengate.roles.include-scopes", "false");
        if (dev.tokengate.it.support.TestServers.current() == dev.tokengate.it.support.TestServers.GLASSFISH) {
            // What the README tells GlassFish users of JAX-RS role annotations: GlassFish's own MP-JWT filter (which
            // Jersey loads into every application, no switch) asks the container for the caller; container
            // authentication tells it.
            config.put("tokengate.container-authentication", "true");
        }
        return TestWars.withTokengate("roles", config).addClasses(RolesApi.class, RolesApi.Patients.class, RolesApi.Lobby.class)
                // What the README tells Payara users to add: Payara's MP-JWT module puts its own @RolesAllowed filter
                // into every JAX-RS application, and it asks the container for the caller, which a bearer token the
                // container never saw is not. Other servers ignore the file.
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(PAYARA_WEB_XML), "payara-web.xml");
    }

    static final String PAYARA_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <payara-web-app>
              <jaxrs-roles-allowed-enabled>false</jaxrs-roles-allowed-enabled>
            </payara-web-app>
            """;

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, "rest/" + path);
    }

    private static String keycloakToken(List<String> realmRoles, List<String> clientRoles, String scope) {
        return KitIssuer.get().token().keycloak().subject("kc-user")
                .scopes(scope).roles(realmRoles.toArray(String[]::new))
                .claim("resource_access", Map.of("patients-api", Map.of("roles", clientRoles))).build();
    }

    @Test
    void aRealmRoleLetsTheCallerIn() {
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("patients"),
                keycloakToken(List.of("reader", "offline_access"), List.of(), "openid"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("patients for kc-user|true|false");
    }

    @Test
    void aClientRoleLetsTheCallerIn() {
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("patients"),
                keycloakToken(List.of(), List.of("reader"), "openid"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anEntraAppRoleLetsTheCallerIn() {
        String entra = KitIssuer.get().token().entra().subject("entra-user").scopes("openid").roles("reader")
                .claim("groups", List.of("7f8c0a52-3c8e-4d7e-9b1a-2f6f6c1b0e11")).build();
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("patients"), entra);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void anAuth0NamespacedRoleLetsTheCallerIn() {
        // not the kit's auth0() preset: its roles claim has another namespace, and this token has no scope claim
        String auth0 = KitIssuer.get().token().subject("auth0|user")
                .claim("https://example.com/roles", List.of("reader")).claim("permissions", List.of("read:other")).build();
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("patients"), auth0);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void withoutTheRoleTheAnswerIsTokengates403() {
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("patients"),
                keycloakToken(List.of("offline_access"), List.of("writer"), "reader"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(MISSING_ROLE);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void withoutATokenTheAnswerIsTheBearerChallengeNotBasic() {
        HttpResponse<String> response = LoopbackHttp.get(uri("patients"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
    }

    @Test
    void permitAllLetsAnybodyIn() {
        HttpResponse<String> response = LoopbackHttp.get(uri("lobby"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("open");
    }

    @Test
    void denyAllRefusesEvenACallerWithTheRole() {
        HttpResponse<String> response = LoopbackHttp.getWithBearer(uri("patients/archive"),
                keycloakToken(List.of("reader"), List.of(), "openid"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\", "
                + "error=\"insufficient_scope\", error_description=\"This resource is not open to any caller.\"");
    }

    @Test
    void aScopeOnTheMethodAndTheRoleOnTheClassMustBothHold() {
        assertThat(LoopbackHttp.getWithBearer(uri("patients/scoped"),
                keycloakToken(List.of("reader"), List.of(), "read:patients")).statusCode()).isEqualTo(200);
        assertThat(LoopbackHttp.getWithBearer(uri("patients/scoped"),
                keycloakToken(List.of("reader"), List.of(), "openid")).statusCode()).isEqualTo(403);
        assertThat(LoopbackHttp.getWithBearer(uri("patients/scoped"),
                keycloakToken(List.of(), List.of(), "read:patients")).headers().allValues("WWW-Authenticate"))
                .containsExactly(MISSING_ROLE);
    }
}
