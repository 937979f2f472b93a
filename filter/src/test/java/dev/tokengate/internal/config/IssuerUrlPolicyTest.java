package dev.tokengate.internal.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class IssuerUrlPolicyTest {

    @ParameterizedTest(name = "{0} (opt-in {1}): {2}")
    @CsvSource({
            "https://issuer.example.com/jwks, false, true",
            "HTTPS://issuer.example.com/jwks, false, true",
            "http://issuer.example.com/jwks, false, false",
            "http://issuer.example.com/jwks, true, true",
            "http://127.0.0.1:8080/jwks, false, true",
            "http://localhost/jwks, false, true",
            "http://[::1]:8080/jwks, false, true",
            "ftp://issuer.example.com/jwks, true, false",
            "file:///etc/jwks.json, true, false",
            "https:/no-host, false, false",
            "/relative/jwks, true, false"})
    void httpsAlwaysPlainHttpOnlyToLoopbackOrWithTheOptIn(String uri, boolean allowInsecure, boolean permitted) {
        assertThat(IssuerUrlPolicy.permits(URI.create(uri), allowInsecure)).isEqualTo(permitted);
    }
}
