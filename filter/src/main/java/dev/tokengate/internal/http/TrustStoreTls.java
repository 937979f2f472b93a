package dev.tokengate.internal.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The TLS context of issuer calls: the JVM's trust store ({@code javax.net.ssl.trustStore}, else the JDK's
 * {@code cacerts}) and no key managers. {@code SSLContext.getDefault()} would also open {@code javax.net.ssl.keyStore},
 * which tokengate, a client that presents no certificate, never needs, and which some servers set without a password
 * (GlassFish), making the default context fail for every application.
 */
final class TrustStoreTls {
    private TrustStoreTls() {
    }

    static SSLContext context() throws IssuerUnavailableException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IssuerUnavailableException("no TLS context for issuer calls: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
