package dev.tokengate.internal.config;

import java.net.URI;
import java.util.Locale;

/**
 * Which URLs tokengate may call an issuer at: https, or plain http to a loopback host, or plain http anywhere with the
 * explicit opt-in ({@code tokengate.http.allow-insecure}). One rule for the configuration check at deployment and for
 * every call made later (a discovery document may name other endpoints).
 */
public final class IssuerUrlPolicy {
    private IssuerUrlPolicy() {
    }

    /** Whether {@code uri} is an absolute http(s) URL with a host. */
    public static boolean isHttpUrl(URI uri) {
        String scheme = scheme(uri);
        return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
    }

    /** Whether tokengate may send a request to {@code uri}. */
    public static boolean permits(URI uri, boolean allowInsecureHttp) {
        return isHttpUrl(uri) && (scheme(uri).equals("https") || allowInsecureHttp || LoopbackHosts.isLoopback(uri.getHost()));
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }
}
