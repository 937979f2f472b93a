package dev.tokengate.internal.http;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrustStoreTlsTest {

    /**
     * GlassFish points {@code javax.net.ssl.keyStore} at its key store and gives no password: the JDK's default
     * context then fails to load, and with it every HTTPS client built on it. Issuer calls never present a
     * certificate, so they must not read the key store at all.
     */
    @Test
    void aKeyStoreThatCannotBeOpenedDoesNotMatter() throws Exception {
        Path unreadable = Files.createTempFile("keystore", ".p12");
        Files.write(unreadable, new byte[] {1, 2, 3});
        String previous = System.getProperty("javax.net.ssl.keyStore");
        System.setProperty("javax.net.ssl.keyStore", unreadable.toString());
        try {
            SSLContext context = TrustStoreTls.context();
            assertThat(context.getProtocol()).isEqualTo("TLS");
            assertThat(context.getSocketFactory()).isNotNull();
        } finally {
            if (previous == null) {
                System.clearProperty("javax.net.ssl.keyStore");
            } else {
                System.setProperty("javax.net.ssl.keyStore", previous);
            }
            Files.deleteIfExists(unreadable);
        }
    }
}
