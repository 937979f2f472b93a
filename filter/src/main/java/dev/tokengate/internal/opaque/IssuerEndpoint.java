package dev.tokengate.internal.opaque;

import dev.tokengate.internal.http.OidcDiscovery;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** An issuer endpoint that is either configured or named by the discovery document. */
public sealed interface IssuerEndpoint {
    CompletableFuture<URI> uri();

    record Configured(URI endpoint) implements IssuerEndpoint {
        @Override
        public CompletableFuture<URI> uri() {
            return CompletableFuture.completedFuture(endpoint);
        }
    }

    record Discovered(OidcDiscovery discovery, String name) implements IssuerEndpoint {
        @Override
        public CompletableFuture<URI> uri() {
            return discovery.endpoint(name);
        }
    }
}
