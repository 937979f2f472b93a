package dev.tokengate.it.container;

import dev.tokengate.it.support.ExpectedWarnings;
import dev.tokengate.it.support.KitIssuer;
import dev.tokengate.it.support.Loopback;
import dev.tokengate.it.support.LoopbackHttp;
import dev.tokengate.it.support.ServerLog;
import dev.tokengate.it.support.TestServers;
import dev.tokengate.it.support.TestWars;
import dev.tokengate.test.TestIssuer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code tokengate.container-authentication=true}: the container is told the caller, so that what the container
 * enforces (a {@code web.xml} security constraint, {@code authenticate()}, EJB {@code @RolesAllowed}, Jakarta
 * Security's {@code SecurityContext}) agrees with tokengate, and a CDI bean's {@code @RolesAllowed} is enforced. The
 * issue's three callers: a token with the {@code read:patients} scope, a token without it, no token; and the role in
 * Keycloak's, Entra ID's and Auth0's claims. Jetty 12 gives applications no Jakarta Authentication unless its
 * {@code ee10-jaspi} module is added, which a stock Jetty has not ({@link ContainerAuthUnavailableIT}).
 */
// The EJB container logs each refused call to PatientsEjb.read (the test makes two), naming the bean. On Tomcat,
// Weld's servlet module may leave its request-context thread locals on a worker thread at undeploy; Tomcat then lists
// each, and one holds Weld's proxy of this test's PatientsBean (a dev.tokengate.it class, so the log check sees it).
@ExpectedWarnings({"PatientsEjb", "AccessLocalException", "EJBAccessException",
        "created a ThreadLocal .*PatientsBean\\$Proxy\\$_\\$\\$_WeldSubclass"})
@DisabledIfSystemProperty(named = TestServers.PROPERTY, matches = "jetty")
@DisabledIfSystemProperty(named = ContainerAuthIT.UNSUPPORTED, matches = "true")
@ExtendWith({ServerLog.class, ArquillianExtension.class})
public class ContainerAuthIT {
    /**
     * Set for a run whose server is stock where container authentication needs a server setting: WildFly's
     * standalone-microprofile.xml run (without integrated-jaspi="false", Elytron looks the caller up in its own realm
     * and answers 500 to every request with a valid token; the README says so).
     */
    static final String UNSUPPORTED = "tokengate.it.container-auth.unsupported";
    static final String BEARER = "Bearer realm=\"api\"";
    static final String MISSING_ROLE = "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
            + "The access token does not carry a role this resource requires.\"";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TestWars.issuerConfig(KitIssuer.get());
        config.put("tokengate.container-authentication", "true");
        config.put("tokengate.roles.claims", "groups,realm_access.roles,roles,/https:~1~1example.com~1roles");
        // the reader's role is its scope here (the web.xml constraint and the beans name "read:patients"): opted in
        config.put("tokengate.roles.include-scopes", "true");
        WebArchive war = TestWars.withTokengate("container", config)
                .addClasses(CallerApi.class, CallerApi.JaxRs.class, CallerApi.Cdi.class, CallerApi.Container.class,
                        PatientsBean.class, GuardedServlet.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml")
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        if (!TestServers.current().embedded()) { // Tomcat and Jetty have no EJB or Jakarta Security
            war.addClasses(FullServerApi.class, PatientsEjb.class);
        }
        return war;
    }

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>guarded</web-resource-name>
                  <url-pattern>/guarded</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>read:patients</role-name></auth-constraint>
              </security-constraint>
              <security-role><role-name>read:patients</role-name></security-role>
            </web-app>
            """;

    static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    @ArquillianResource
    private URL deploymentUrl;

    private URI uri(String path) {
        return Loopback.resolve(deploymentUrl, path);
    }

    private static String reader() {
        return KitIssuer.get().token().subject("reader").scopes("read:patients").build();
    }

    private static String noScope() {
        return KitIssuer.get().token().subject("no-scope").scopes("openid").build();
    }

    private static String expired() {
        return KitIssuer.get().token().subject("reader").scopes("read:patients")
                .expiresIn(Duration.ofSeconds(-600)).build();
    }

    /**
     * The role in Keycloak's realm roles, Entra ID's app roles and Auth0's namespaced claim (not the kit's auth0()
     * preset: its namespace is another), with no scope claim at all.
     */
    private static List<String> shapedReaders() {
        TestIssuer issuer = KitIssuer.get();
        return List.of(
                issuer.token().keycloak().subject("kc-user").roles("read:patients").build(),
                issuer.token().entra().subject("entra-user").roles("read:patients").build(),
                issuer.token().subject("auth0|user").claim("https://example.com/roles", List.of("read:patients")).build());
    }

    private static void assertBody(HttpResponse<String> response, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void jaxrsRolesAllowedGivesTokengatesAnswers() {
        assertBody(LoopbackHttp.getWithBearer(uri("rest/jaxrs"), reader()), "jaxrs reader");
        HttpResponse<String> forbidden = LoopbackHttp.getWithBearer(uri("rest/jaxrs"), noScope());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().allValues("WWW-Authenticate")).containsExactly(MISSING_ROLE);
        HttpResponse<String> anonymous = LoopbackHttp.get(uri("rest/jaxrs"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly(BEARER);
    }

    @Test
    void aCdiBeansRolesAllowedLetsOnlyTheReaderIn() {
        assertBody(LoopbackHttp.getWithBearer(uri("rest/cdi"), reader()), "cdi allowed");
        assertBody(LoopbackHttp.getWithBearer(uri("rest/cdi"), noScope()), "refused MISSING_ROLE");
        assertBody(LoopbackHttp.get(uri("rest/cdi")), "refused MISSING_TOKEN");
    }

    @Test
    void aCdiBeansRefusalLeftToTheResourceIsTokengatesAnswer() {
        HttpResponse<String> forbidden = LoopbackHttp.getWithBearer(uri("rest/cdi/unhandled"), noScope());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().allValues("WWW-Authenticate")).containsExactly(MISSING_ROLE);
        HttpResponse<String> anonymous = LoopbackHttp.get(uri("rest/cdi/unhandled"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly(BEARER);
    }

    @Test
    void everyIssuersShapeOfRolesReachesTheCdiBean() {
        for (String token : shapedReaders()) {
            assertBody(LoopbackHttp.getWithBearer(uri("rest/cdi"), token), "cdi allowed");
        }
    }

    @Test
    void theContainersOwnRequestKnowsTheCaller() {
        assertBody(LoopbackHttp.getWithBearer(uri("rest/container"), reader()), "reader");
        assertBody(LoopbackHttp.get(uri("rest/container")), "anonymous");
    }

    @Test
    void aStaleTokenDoesNotBreakAnEndpointThatNeedsNoCaller() {
        assertBody(LoopbackHttp.getWithBearer(uri("rest/container"), expired()), "anonymous");
    }

    @Test
    void aWebXmlSecurityConstraintSeesTheTokensRoles() {
        assertBody(LoopbackHttp.getWithBearer(uri("guarded"), reader()), "reader|true");
        assertThat(LoopbackHttp.getWithBearer(uri("guarded"), noScope()).statusCode()).isEqualTo(403);
    }

    @Test
    void aSecurityConstraintWithoutATokenIsTheBearerChallenge() {
        HttpResponse<String> anonymous = LoopbackHttp.get(uri("guarded"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly(BEARER);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aSecurityConstraintWithABadTokenIsTheInvalidTokenChallenge() {
        HttpResponse<String> expired = LoopbackHttp.getWithBearer(uri("guarded"), expired());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().allValues("WWW-Authenticate")).containsExactly(BEARER
                + ", error=\"invalid_token\", error_description=\"The access token has expired.\"");
    }

    @Test
    void authenticateAsksForATokenAndAcceptsOne() {
        assertBody(LoopbackHttp.getWithBearer(uri("login"), reader()), "reader|true");
        HttpResponse<String> anonymous = LoopbackHttp.get(uri("login"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly(BEARER);
    }

    @Test
    void anEjbsRolesAllowedLetsOnlyTheReaderIn() {
        assumeFalse(TestServers.current().embedded(), "no EJB container");
        assertBody(LoopbackHttp.getWithBearer(uri("rest/full/ejb"), reader()), "ejb allowed");
        assertBody(LoopbackHttp.getWithBearer(uri("rest/full/ejb"), noScope()), "refused");
        assertBody(LoopbackHttp.get(uri("rest/full/ejb")), "refused");
        for (String token : shapedReaders()) {
            assertBody(LoopbackHttp.getWithBearer(uri("rest/full/ejb"), token), "ejb allowed");
        }
    }

    @Test
    void theEjbContextKnowsTheCallerAndTheRole() {
        assumeFalse(TestServers.current().embedded(), "no EJB container");
        assertBody(LoopbackHttp.getWithBearer(uri("rest/full/ejb-caller"), reader()), "reader|true");
        assertBody(LoopbackHttp.getWithBearer(uri("rest/full/ejb-caller"), noScope()), "no-scope|false");
    }

    @Test
    void jakartaSecuritysSecurityContextReportsTheSubjectAndRoles() {
        assumeFalse(TestServers.current().embedded(), "no Jakarta Security");
        assertBody(LoopbackHttp.getWithBearer(uri("rest/full/security-context"), reader()), "reader|true|false");
        assertBody(LoopbackHttp.getWithBearer(uri("rest/full/security-context"), noScope()), "no-scope|false|false");
    }
}
