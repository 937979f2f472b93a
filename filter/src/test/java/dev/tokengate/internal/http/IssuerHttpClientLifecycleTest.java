package dev.tokengate.internal.http;

import dev.tokengate.internal.config.TokengateConfig.HttpSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssuerHttpClientLifecycleTest {
    static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, false);

    @Test
    void aClosedClientAnswersIssuerUnavailable() {
        IssuerHttpClient client = new IssuerHttpClient(SETTINGS);
        client.close();
        assertThatThrownBy(() -> IssuerHttpClient.await(client.getJsonAsync(URI.create("http://127.0.0.1:9/jwks")), 1000))
                .isInstanceOf(IssuerUnavailableException.class)
                .hasMessageContaining("stopping");
    }

    @Test
    void closingAClientThatNeverCalledIsHarmless() {
        IssuerHttpClient client = new IssuerHttpClient(SETTINGS);
        client.close();
        client.close();
        assertThat(client.permits(URI.create("https://issuer.example.test/"))).isTrue();
    }
}
