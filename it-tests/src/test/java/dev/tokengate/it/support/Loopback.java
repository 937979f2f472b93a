package dev.tokengate.it.support;

import dev.tokengate.internal.config.LoopbackHosts;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * All test traffic stays on this machine. The URL that Arquillian injects names the host Payara Micro reports (the
 * machine's name or network address), so every request goes through {@link #rewrite(URL)} first, and
 * {@link LoopbackHttp} refuses any URI that {@link #isLoopback(URI)} does not accept.
 */
public final class Loopback {
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** The same scheme, port, path and query on {@value #HOST}. */
    public static URI rewrite(URL url) {
        try {
            return rewrite(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + url, e);
        }
    }

    /** The same scheme, port, path and query on {@value #HOST}. */
    public static URI rewrite(URI uri) {
        if (uri.getPort() < 0) {
            throw new IllegalArgumentException("no explicit port in " + uri + ": refusing to guess one");
        }
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), HOST, uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot rewrite " + uri, e);
        }
    }

    /**
     * {@code base} (a deployment's URL, e.g. the injected {@code @ArquillianResource URL}) rewritten to loopback, with
     * {@code path} resolved against it: {@code "whoami"} or {@code "api/me"} (no leading slash keeps the context root).
     */
    public static URI resolve(URL base, String path) {
        URI root = rewrite(base);
        if (!root.getPath().endsWith("/")) {
            root = URI.create(root + "/");
        }
        return root.resolve(path);
    }

    /** Decided from the literal host alone, never by resolving a name: the library's own rule. */
    public static boolean isLoopback(URI uri) {
        return LoopbackHosts.isLoopback(uri.getHost());
    }

    public static URI requireLoopback(URI uri) {
        if (!isLoopback(uri)) {
            throw new IllegalArgumentException("refusing to send a request off this machine: " + uri
                    + " (rewrite it with Loopback.rewrite first)");
        }
        return uri;
    }
}
