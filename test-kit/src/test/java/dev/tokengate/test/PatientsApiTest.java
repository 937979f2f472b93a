package dev.tokengate.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's ten-line user test, as written there, against "your application" ({@link PatientsApi}). This module's
 * test class path has no JSON-P, as a plain servlet application on Tomcat or Jetty may not: tokengate must not need it.
 */
class PatientsApiTest {
    static PatientsApi api;

    @BeforeAll
    static void startTheApplication() throws Exception {
        issuer.useAsSystemProperties(); // the application reads its mp.jwt.* settings from these
        api = new PatientsApi();
    }

    @AfterAll
    static void stopTheApplication() throws Exception {
        api.close();
    }

    // --- the README's test, from here

    @RegisterExtension
    static TestIssuer issuer = TestIssuer.create().audience("https://api.example.com");

    @Test
    void readersSeeThePatientsAndNobodyElseDoes() throws Exception {
        String reader = issuer.token().subject("alice").scopes("read:patients").build();
        HttpResponse<String> response = api.get("/patients", reader);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.get("/patients", issuer.token().scopes("read:admin").build()).statusCode()).isEqualTo(403);
        assertThat(api.get("/patients", issuer.token().expired().build()).statusCode()).isEqualTo(401);
        assertThat(api.get("/patients", issuer.token().unsigned().build()).statusCode()).isEqualTo(401);
    }
}
