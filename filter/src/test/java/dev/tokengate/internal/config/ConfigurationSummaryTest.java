package dev.tokengate.internal.config;

import dev.tokengate.testing.MapProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up INFO line: what an operator needs to know, and never a secret. */
class ConfigurationSummaryTest {
    static final String HMAC_SECRET = "0123456789abcdef0123456789abcdef-secret";
    static final String CLIENT_SECRET = "introspection-client-s3cret";

    static String summary(MapProperties properties) {
        return ConfigurationSummary.of(new ConfigLoader(properties, ConfigurationSummaryTest.class.getClassLoader()).load(),
                "/health");
    }

    @Test
    void itNamesTheIssuerAudiencesKeysAndWhereTokensAreRead() {
        String line = summary(ConfigLoaderTest.MINIMAL.with(PropertyNames.PROTECTED_PATHS, "/servlet/*"));
        assertThat(line).startsWith("tokengate: protecting /health -- issuers: default=")
                .contains("audiences [", "algorithms [RS256]", "token from: Authorization header",
                        "protected paths: /servlet/*", "DPoP: disabled", "opaque tokens: refused");
    }

    @Test
    void secretsAreNeverInIt() {
        String line = summary(ConfigLoaderTest.MINIMAL
                .with(PropertyNames.ALGORITHMS, "RS256,HS256")
                .with(PropertyNames.SECRET, HMAC_SECRET)
                .with(PropertyNames.OPAQUE_VALIDATION, "introspection")
                .with(PropertyNames.INTROSPECTION_ENDPOINT, "https://issuer.example.test/introspect")
                .with(PropertyNames.INTROSPECTION_CLIENT_ID, "api")
                .with(PropertyNames.INTROSPECTION_CLIENT_SECRET, CLIENT_SECRET));
        assertThat(line).doesNotContain(HMAC_SECRET).doesNotContain(CLIENT_SECRET)
                .contains("an HMAC secret (set)", "introspection at https://issuer.example.test/introspect as client api (secret (set))");
    }
}
