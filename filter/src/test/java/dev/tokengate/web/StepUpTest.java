package dev.tokengate.web;

import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.testing.JwksServer;
import dev.tokengate.testing.MapProperties;
import dev.tokengate.testing.ServletServer;
import dev.tokengate.testing.TestKeys;
import dev.tokengate.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9470 on the filter's protected paths: {@code tokengate.protected-paths.acr-values} and {@code .max-age}. */
class StepUpTest {
    static final TestKeys KEY = TestKeys.rsa("key-1");
    static final String WEAK = "Bearer realm=\"api\", error=\"insufficient_user_authentication\", error_description=\""
            + "A different authentication level is required.\", acr_values=\"phr phrh\", max_age=300";
    static final String STALE = "Bearer realm=\"api\", error=\"insufficient_user_authentication\", error_description=\""
            + "More recent authentication is required.\", acr_values=\"phr phrh\", max_age=300";

    static JwksServer issuer;
    static ServletServer app;

    @BeforeAll
    static void start() throws Exception {
        issuer = new JwksServer().serve(KEY);
        app = new ServletServer(MapProperties.of(
                PropertyNames.ISSUER, issuer.issuer(),
                PropertyNames.AUDIENCES, Tokens.AUDIENCE,
                PropertyNames.PUBLIC_KEY_LOCATION, issuer.jwksUri().toString(),
                PropertyNames.PROTECTED_PATHS, "/secure/*",
                PropertyNames.PROTECTED_PATHS_ACR_VALUES, "phr,phrh",
                PropertyNames.PROTECTED_PATHS_MAX_AGE, "5m"));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        issuer.close();
    }

    static String bearer(String acr, long loginSecondsAgo) {
        return "Bearer " + Tokens.valid(KEY).claim("iss", issuer.issuer()).claim("acr", acr)
                .claim("auth_time", Instant.now().getEpochSecond() - loginSecondsAgo).signWith(KEY);
    }

    static void assertStepUp(HttpResponse<String> response, String challenge) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"error\":\"insufficient_user_authentication\"");
    }

    @Test
    void aStrongRecentLoginIsLetIn() throws Exception {
        assertThat(app.get("/secure/whoami", "Authorization", bearer("phrh", 10)).statusCode()).isEqualTo(200);
    }

    @Test
    void aWeakLoginIsAskedToStepUpWithTheAcceptedValues() throws Exception {
        assertStepUp(app.get("/secure/whoami", "Authorization", bearer("pwd", 10)), WEAK);
    }

    @Test
    void anOldLoginIsAskedToLogInAgainWithTheMaximumAge() throws Exception {
        assertStepUp(app.get("/secure/whoami", "Authorization", bearer("phr", 3600)), STALE);
    }

    @Test
    void pathsOutsideTheProtectedOnesDemandNothing() throws Exception {
        assertThat(app.get("/lazy/whoami", "Authorization", bearer("pwd", 3600)).body()).startsWith("user-1|");
    }

    @Test
    void withoutATokenTheChallengeIsTheBareOne() throws Exception {
        HttpResponse<String> response = app.get("/secure/whoami");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
    }
}
