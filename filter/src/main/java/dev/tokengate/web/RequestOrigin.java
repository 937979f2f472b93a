package dev.tokengate.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The origin a client addressed, for URLs tokengate derives from requests (RFC 9728's resource identifier, the URI a
 * DPoP proof must name): the request's scheme, host and port, with the scheme's default port left out. {@code Forwarded}
 * (RFC 7239) or {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} / {@code X-Forwarded-Port} count only when
 * {@code tokengate.trust-forwarded-headers=true}. A host that could not sit in a URL as it is gives no origin at all.
 */
final class RequestOrigin {
    /** A host, or host and port, as a URL may carry it (IPv6 in brackets); anything else is not trusted as one. */
    private static final Pattern AUTHORITY = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    private final boolean trustForwardedHeaders;

    RequestOrigin(boolean trustForwardedHeaders) {
        this.trustForwardedHeaders = trustForwardedHeaders;
    }

    /** {@code scheme://host[:port]} of this request as the client addressed it, or {@code null} when not trustworthy. */
    String of(HttpServletRequest request) {
        String scheme = request.getScheme();
        String authority = authorityOf(request.getServerName(), request.getServerPort(), scheme);
        if (trustForwardedHeaders) {
            Forwarded forwarded = Forwarded.of(request);
            if (forwarded.proto() != null) {
                scheme = forwarded.proto();
            }
            if (forwarded.host() != null) {
                authority = forwarded.host();
                if (forwarded.port() != null && !authority.contains(":")) {
                    authority = authority + ":" + forwarded.port();
                }
            }
        }
        scheme = scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || authority == null || !AUTHORITY.matcher(authority).matches()) {
            return null;
        }
        return scheme + "://" + withoutDefaultPort(authority.toLowerCase(Locale.ROOT), scheme);
    }

    private static String authorityOf(String host, int port, String scheme) {
        if (host == null) {
            return null;
        }
        String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port <= 0 ? bracketed : bracketed + ":" + port;
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String defaultPort = "https".equals(scheme) ? ":443" : ":80";
        return authority.endsWith(defaultPort) ? authority.substring(0, authority.length() - defaultPort.length()) : authority;
    }

    /** What the first proxy hop says, from RFC 7239 {@code Forwarded} or else the {@code X-Forwarded-*} headers. */
    record Forwarded(String proto, String host, String port) {
        static Forwarded of(HttpServletRequest request) {
            String forwarded = request.getHeader("Forwarded");
            if (forwarded != null) {
                String proto = null;
                String host = null;
                String first = forwarded.split(",", 2)[0];
                for (String pair : first.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals < 0) {
                        continue;
                    }
                    String name = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(equals + 1).trim());
                    if (name.equals("proto")) {
                        proto = value;
                    } else if (name.equals("host")) {
                        host = value;
                    }
                }
                return new Forwarded(proto, host, null);
            }
            return new Forwarded(firstValue(request.getHeader("X-Forwarded-Proto")),
                    firstValue(request.getHeader("X-Forwarded-Host")), firstValue(request.getHeader("X-Forwarded-Port")));
        }

        private static String firstValue(String header) {
            return header == null ? null : header.split(",", 2)[0].trim();
        }

        private static String unquote(String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }
    }
}
