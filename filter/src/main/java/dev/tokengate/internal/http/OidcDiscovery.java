package dev.tokengate.internal.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The issuer's OpenID Connect discovery document ({@code <issuer>/.well-known/openid-configuration}), fetched on first
 * need and kept once a good one arrived; a failed fetch is retried on the next need. The document must name the
 * configured issuer (OIDC Discovery §4.3), or nothing in it is trusted, and every endpoint it names must be one
 * tokengate may call (HTTPS, or loopback).
 */
public final class OidcDiscovery {
    private final URI documentUri;
    private final String issuer;
    private final IssuerHttpClient http;
    private volatile Map<String, Object> document;

    public OidcDiscovery(URI documentUri, String issuer, IssuerHttpClient http) {
        this.documentUri = documentUri;
        this.issuer = issuer;
        this.http = http;
    }

    /** The endpoint the document names under {@code name} ({@code jwks_uri}, {@code introspection_endpoint}, ...). */
    public CompletableFuture<URI> endpoint(String name) {
        Map<String, Object> known = document;
        CompletableFuture<Map<String, Object>> fetched = known != null ? CompletableFuture.completedFuture(known)
                : http.getJsonAsync(documentUri).thenApply(this::accept);
        return fetched.thenApply(doc -> endpointIn(doc, name));
    }

    private Map<String, Object> accept(Map<String, Object> candidate) {
        if (!issuer.equals(candidate.get("issuer"))) {
            throw new IssuerHttpClient.IssuerFailure("the discovery document names another issuer");
        }
        document = candidate;
        return candidate;
    }

    private URI endpointIn(Map<String, Object> doc, String name) {
        if (!(doc.get(name) instanceof String value)) {
            throw new IssuerHttpClient.IssuerFailure("the discovery document has no " + name);
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IssuerHttpClient.IssuerFailure("the discovery document's " + name + " is not a URL");
        }
        // A document fetched over https may name https endpoints only: it must not send a token or our client
        // secret in clear text, not even to a loopback service it happens to name.
        boolean secureDocument = "https".equalsIgnoreCase(documentUri.getScheme());
        if (!http.permits(uri) || secureDocument && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IssuerHttpClient.IssuerFailure("the discovery document's " + name + " is not https");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "OidcDiscovery[" + documentUri + "]";
    }
}
