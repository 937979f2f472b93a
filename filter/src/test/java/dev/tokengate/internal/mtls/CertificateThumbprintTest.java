package dev.tokengate.internal.mtls;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code x5t#S256} thumbprint of a client certificate, from the TLS connection or from each proxy's header. */
class CertificateThumbprintTest {
    /** A self-signed P-256 certificate for {@code CN=client.tokengate.test}, valid for a hundred years. */
    static final String PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBlzCCAT2gAwIBAgIUTBGdQti9Qo1560UEiFxWJ+k4CFAwCgYIKoZIzj0EAwIw
            IDEeMBwGA1UEAwwVY2xpZW50LnRva2VuZ2F0ZS50ZXN0MCAXDTI2MTIwMjAwMTQz
            NloYDzIxMjYxMTA4MDAxNDM2WjAgMR4wHAYDVQQDDBVjbGllbnQudG9rZW5nYXRl
            LnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASkdeShxaGmr+2MfwkqnEOW
            MdtEK1W6FZweCb808DKrJmS+SjCNUuqf1XBaudHcqgsg2SwBrH0CYjsJNQ8aiJv0
            o1MwUTAdBgNVHQ4EFgQU4cD+Af6Ci1lGvnuMClMGL9sgpvMwHwYDVR0jBBgwFoAU
            4cD+Af6Ci1lGvnuMClMGL9sgpvMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
            AgNIADBFAiEA7TPD7kK78t9aq8p0EYehntbuHeJWBo0cjD/N0VOtoBMCIE8YCQiq
            TijBKRLPlrpB0Gs4nmDEkRSHLRo3AbOAJnmE
            -----END CERTIFICATE-----
            """;
    static final X509Certificate CERTIFICATE = parse(PEM);
    static final byte[] DER = der(CERTIFICATE);
    static final String THUMBPRINT = sha256Base64Url(DER);

    static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException unparsable) {
            throw new IllegalStateException(unparsable);
        }
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException unencodable) {
            throw new IllegalStateException(unencodable);
        }
    }

    static String sha256Base64Url(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** As nginx's {@code $ssl_client_escaped_cert}: every reserved character, the space too, as a %-escape. */
    static String percentEncoded(String pem) {
        return URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void aCertificateFromTheTlsConnectionHasTheSha256OfItsDer() {
        assertThat(CertificateThumbprint.of(CERTIFICATE)).isEqualTo(THUMBPRINT);
    }

    @Test
    void readsTheRfc9440ByteSequenceOfTheDer() {
        assertThat(CertificateThumbprint.fromHeader(":" + base64(DER) + ":")).isEqualTo(THUMBPRINT);
    }

    @Test
    void readsPemWithItsLineBreaks() {
        assertThat(CertificateThumbprint.fromHeader(PEM)).isEqualTo(THUMBPRINT);
    }

    @Test
    void readsPemWhoseLineBreaksBecameSpacesAsApacheSendsIt() {
        String apache = PEM.strip().replace("\n", " ");

        assertThat(CertificateThumbprint.fromHeader(apache)).isEqualTo(THUMBPRINT);
    }

    @Test
    void readsUrlEncodedPemAsNginxSendsIt() {
        assertThat(CertificateThumbprint.fromHeader(percentEncoded(PEM))).isEqualTo(THUMBPRINT);
    }

    @Test
    void readsUrlEncodedPemWithLiteralPlusSlashAndEqualsAsAwsAlbSendsIt() {
        String alb = percentEncoded(PEM).replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
        assertThat(alb).contains("+");

        assertThat(CertificateThumbprint.fromHeader(alb)).isEqualTo(THUMBPRINT);
    }

    @Test
    void readsBareBase64OfTheDerAsHaproxySendsIt() {
        assertThat(CertificateThumbprint.fromHeader(base64(DER))).isEqualTo(THUMBPRINT);
    }

    @Test
    void readsTheCertOfASingleEnvoyXfccElement() {
        String xfcc = "By=spiffe://a;Hash=abc;Cert=\"" + percentEncoded(PEM) + "\";Subject=\"CN=x\"";

        assertThat(CertificateThumbprint.fromHeader(xfcc)).isEqualTo(THUMBPRINT);
    }

    @Test
    void refusesAnXfccWithTwoElementsEachWithACert() {
        String cert = "Cert=\"" + percentEncoded(PEM) + "\"";
        String xfcc = "By=spiffe://a;Hash=abc;" + cert + ",By=spiffe://b;Hash=def;" + cert;

        assertThat(CertificateThumbprint.fromHeader(xfcc)).isNull();
    }

    @Test
    void aPemChainCountsByItsFirstCertificateTheClientsOwn() throws Exception {
        String other = new String(getClass().getResourceAsStream("/client-b.pem").readAllBytes(),
                java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(CertificateThumbprint.fromHeader(PEM + other)).isEqualTo(THUMBPRINT);
        assertThat(CertificateThumbprint.fromHeader(percentEncoded(PEM + other))).isEqualTo(THUMBPRINT);
    }

    @Test
    void refusesDerOfTwoCertificates() {
        byte[] two = new byte[DER.length * 2];
        System.arraycopy(DER, 0, two, 0, DER.length);
        System.arraycopy(DER, 0, two, DER.length, DER.length);
        assertThat(CertificateThumbprint.fromHeader(java.util.Base64.getEncoder().encodeToString(two))).isNull();
    }

    @Test
    void refusesGarbageText() {
        assertThat(CertificateThumbprint.fromHeader("this is not a certificate")).isNull();
    }

    @Test
    void refusesNull() {
        assertThat(CertificateThumbprint.fromHeader(null)).isNull();
    }

    @Test
    void refusesABlankValue() {
        assertThat(CertificateThumbprint.fromHeader(" \t ")).isNull();
    }

    @Test
    void refusesAValueLongerThan16KiBEvenAroundAValidCertificate() {
        String padded = PEM + " ".repeat(16 * 1024);

        assertThat(CertificateThumbprint.fromHeader(padded)).isNull();
    }

    @Test
    void readsAValueOfExactly16KiB() {
        String padded = PEM + " ".repeat(16 * 1024 - PEM.length());
        assertThat(padded).hasSize(16 * 1024);

        assertThat(CertificateThumbprint.fromHeader(padded)).isEqualTo(THUMBPRINT);
    }

    @Test
    void refusesBase64OfDerThatIsNotACertificate() {
        byte[] sequenceOfOneInteger = {0x30, 0x03, 0x02, 0x01, 0x01};

        assertThat(CertificateThumbprint.fromHeader(base64(sequenceOfOneInteger))).isNull();
    }

    @Test
    void refusesAnEmptyByteSequence() {
        assertThat(CertificateThumbprint.fromHeader("::")).isNull();
    }
}
