package dev.tokengate.internal.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The form in which a proof's {@code htu} and the request's URI are compared (RFC 9449 §4.3: without query and
 * fragment, after RFC 3986 §6.2.2 syntax-based and §6.2.3 scheme-based normalisation): scheme and host in lower case,
 * the scheme's default port left out, an empty path as {@code /}, percent-encodings in upper case and those of
 * unreserved characters decoded, dot segments removed. Anything that is not an absolute http(s) URI without user
 * information has no normal form, and so matches nothing.
 */
public final class HttpUri {
    private static final java.util.regex.Pattern REGISTRY_NAME = java.util.regex.Pattern.compile("([A-Za-z0-9._-]+)(?::([0-9]{1,5}))?");

    private HttpUri() {
    }

    /** @return the normal form, or {@code null} */
    public static String normalized(String text) {
        if (text == null || text.isEmpty() || text.length() > 4096) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException notAUri) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getRawUserInfo() != null) {
            return null;
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            // java.net.URI gives no host for names it finds unusual (an underscore, as container networks name
            // services): read the authority as it is, when it is a plain name and an optional port
            java.util.regex.Matcher plain = REGISTRY_NAME.matcher(uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
            if (!plain.matches()) {
                return null;
            }
            host = plain.group(1);
            port = plain.group(2) == null ? -1 : Integer.parseInt(plain.group(2));
        }
        boolean defaultPort = port == -1 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : percentNormalized(uri.getRawPath());
        if (path == null) {
            return null;
        }
        String cleanPath = withoutDotSegments(path);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + cleanPath;
    }

    /** RFC 3986 §5.2.4 {@code remove_dot_segments}, on a path that starts with a slash. */
    static String withoutDotSegments(String path) {
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    kept.addLast("");
                }
            } else if (segment.equals("..")) {
                kept.pollLast();
                if (last) {
                    kept.addLast("");
                }
            } else {
                kept.addLast(segment);
            }
        }
        return "/" + String.join("/", kept);
    }

    /** Upper-case hex in every escape, and unreserved characters unescaped; {@code null} for a broken escape. */
    private static String percentNormalized(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= path.length()) {
                return null;
            }
            int high = Character.digit(path.charAt(i + 1), 16);
            int low = Character.digit(path.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            char decoded = (char) (high * 16 + low);
            if (decoded < 0x80 && (Character.isLetterOrDigit(decoded) || decoded == '-' || decoded == '.'
                    || decoded == '_' || decoded == '~')) {
                out.append(decoded);
            } else {
                out.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                        .append(Character.toUpperCase(path.charAt(i + 2)));
            }
            i += 2;
        }
        return out.toString();
    }
}
