package dev.tokengate.internal.config;

import java.net.URI;
import java.util.Objects;

/** Where verification keys come from. Never from a token's own header. */
public sealed interface KeySource {

    /**
     * PEM, JWK or JWKS text given inline or read from a {@code file:} or {@code classpath:} location at startup;
     * {@code property} is the one that supplied it, for a configuration error about the text.
     */
    record Static(String keyText, String property) implements KeySource {
        public Static {
            Objects.requireNonNull(keyText, "keyText");
        }

        @Override
        public String toString() {
            return "Static[" + property + "]";
        }
    }

    /** A JWKS endpoint, fetched and refreshed at run time. */
    record RemoteJwks(URI jwksUri) implements KeySource {
        public RemoteJwks {
            Objects.requireNonNull(jwksUri, "jwksUri");
        }
    }

    /** Only the HMAC secret: every allowed algorithm is HMAC, so no public key is needed. */
    record SecretOnly() implements KeySource {
    }

    /** OIDC discovery: {@code <issuer>/.well-known/openid-configuration} names the {@code jwks_uri}. */
    record Discovery(URI discoveryDocument) implements KeySource {
        public Discovery {
            Objects.requireNonNull(discoveryDocument, "discoveryDocument");
        }
    }
}
