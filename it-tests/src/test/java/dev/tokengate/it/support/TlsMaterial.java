package dev.tokengate.it.support;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys and certificates for the TLS tests, made once per test JVM with the JDK's {@code keytool} (nothing is
 * checked in, nothing downloaded): a server certificate for {@code 127.0.0.1}, two client certificates, and the
 * trust stores that make the server ask for (and accept) the first client's and the client trust the server.
 */
public final class TlsMaterial {
    public static final String PASSWORD = "tokengate-test";
    private static TlsMaterial instance;

    private final Path directory;

    private TlsMaterial(Path directory) {
        this.directory = directory;
    }

    public static synchronized TlsMaterial get() {
        if (instance == null) {
            try {
                Path directory = Files.createTempDirectory("tokengate-tls");
                directory.toFile().deleteOnExit();
                instance = new TlsMaterial(directory);
                instance.generate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private void generate() {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", path("server.p12"));
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=dpop-client",
                "-validity", "2", "-keystore", path("client.p12"));
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=other-client",
                "-validity", "2", "-keystore", path("other.p12"));
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", path("server.p12"), "-file", path("server.pem"));
        keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", path("client.p12"), "-file", path("client.pem"));
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", path("other.p12"), "-file", path("other.pem"));
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", path("client.pem"), "-keystore", path("server-trust.p12"));
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", path("server.pem"), "-keystore", path("client-trust.p12"));
    }

    private String path(String name) {
        return directory.resolve(name).toString();
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path serverKeystore() {
        return directory.resolve("server.p12");
    }

    /** Holds the first client's certificate only: the server asks for a client certificate and trusts that one. */
    public Path serverTruststore() {
        return directory.resolve("server-trust.p12");
    }

    /** A client that presents the first client certificate and trusts the server. */
    public SSLContext clientContext(boolean presentCertificate) {
        try {
            KeyStore trust = load("client-trust.p12");
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(load("client.p12"), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(presentCertificate ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve(name))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** The first client's certificate as PEM text. */
    public String clientPem() {
        return read("client.pem");
    }

    /** A certificate of another client, as PEM text. */
    public String otherPem() {
        return read("other.pem");
    }

    /** RFC 8705's {@code x5t#S256} of a PEM certificate: base64url SHA-256 of its DER. */
    public static String thumbprint(String pem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes()));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
