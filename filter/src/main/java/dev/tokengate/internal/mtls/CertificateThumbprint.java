package dev.tokengate.internal.mtls;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;

/**
 * RFC 8705 §3.1's {@code x5t#S256}: the base64url SHA-256 of a certificate's DER encoding, from the TLS connection's
 * certificate or from the header a TLS-terminating proxy forwards it in. The header formats of the common proxies are
 * all read; what they hold must parse as X.509, or there is no certificate. A PEM chain counts by its first
 * certificate, the client's own (TLS presents the chain leaf first, and the handshake proved the client holds that
 * certificate's key); a DER value must be exactly one certificate:
 * <ul>
 *   <li>RFC 9440 {@code Client-Cert}: the DER as a structured-field byte sequence, {@code :base64:};</li>
 *   <li>Envoy {@code x-forwarded-client-cert}: one element whose {@code Cert="…"} is the URL-encoded PEM (several
 *       elements, from several hops, are refused as ambiguous);</li>
 *   <li>nginx {@code $ssl_client_escaped_cert}, AWS ALB {@code X-Amzn-Mtls-Clientcert-Leaf} (verify mode) and
 *       {@code X-Amzn-Mtls-Clientcert} (passthrough: the chain): URL-encoded PEM;</li>
 *   <li>Apache {@code %{SSL_CLIENT_CERT}s}, and PEM whose line breaks a proxy turned into spaces;</li>
 *   <li>HAProxy {@code %[ssl_c_der,base64]}, Traefik: bare base64 of the DER.</li>
 * </ul>
 */
public final class CertificateThumbprint {
    private static final int MAX_HEADER_LENGTH = 16 * 1024;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private CertificateThumbprint() {
    }

    /** @return the thumbprint of a certificate the server itself validated in the TLS handshake */
    public static String of(X509Certificate certificate) {
        try {
            return thumbprint(certificate.getEncoded());
        } catch (CertificateEncodingException unencodable) {
            return null;
        }
    }

    /** @return the thumbprint of the one certificate in a proxy's header, or {@code null} when there is none */
    public static String fromHeader(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        byte[] der = derOf(value.trim());
        if (der == null) {
            return null;
        }
        try {
            Collection<? extends java.security.cert.Certificate> parsed =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der));
            if (parsed.size() != 1 || !(parsed.iterator().next() instanceof X509Certificate certificate)) {
                return null;
            }
            return thumbprint(certificate.getEncoded());
        } catch (CertificateException | RuntimeException unparsable) {
            return null;
        }
    }

    private static byte[] derOf(String value) {
        if (value.length() > 2 && value.startsWith(":") && value.endsWith(":")) {
            return base64(value.substring(1, value.length() - 1));
        }
        String text = value;
        String xfcc = xfccCertificate(value);
        if (xfcc != null) {
            text = xfcc.isEmpty() ? null : xfcc;
        } else if (text.indexOf('%') >= 0) {
            text = urlDecoded(text);
        }
        if (text == null) {
            return null;
        }
        int begin = text.indexOf(BEGIN);
        if (begin >= 0) {
            // a chain (AWS ALB's passthrough header) starts with the client's own certificate: that one is bound
            int end = text.indexOf(END, begin);
            return end < 0 ? null : base64(text.substring(begin + BEGIN.length(), end));
        }
        return base64(text);
    }

    /**
     * The {@code Cert} of Envoy's header: {@code null} when the value is not in that format, {@code ""} when it is but
     * holds no single usable certificate.
     */
    private static String xfccCertificate(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("by=") && !lower.startsWith("hash=") && !lower.startsWith("cert=")
                && !lower.contains(";cert=") && !lower.contains(";hash=")) {
            return null;
        }
        String found = null;
        boolean quoted = false;
        int elementStart = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ',' && !quoted) {
                if (elementStart > 0) {
                    return ""; // a second element: two hops, two certificates
                }
                found = certOfElement(value.substring(0, i));
                elementStart = i + 1;
            }
        }
        return found == null ? "" : found;
    }

    private static String certOfElement(String element) {
        for (String pair : element.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("cert")) {
                String raw = pair.substring(equals + 1).trim();
                if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
                    raw = raw.substring(1, raw.length() - 1);
                }
                return urlDecoded(raw);
            }
        }
        return null;
    }

    private static String urlDecoded(String text) {
        try {
            // PEM's '+' is base64, not a space: only the %-escapes are decoded, and a form-encoder's '+' for the
            // spaces of the PEM markers is put back
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8)
                    .replace("BEGIN+CERTIFICATE", "BEGIN CERTIFICATE").replace("END+CERTIFICATE", "END CERTIFICATE");
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static byte[] base64(String text) {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        String clean = compact.toString();
        try {
            return clean.indexOf('-') >= 0 || clean.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(clean) : Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String thumbprint(byte[] der) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
