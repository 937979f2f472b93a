package dev.tokengate.internal.jwt;

/** Keys fixed at startup: PEM, JWK or JWKS text from configuration, and the HMAC secret. */
record StaticKeyProvider(VerificationKeys keys) implements KeyProvider {
    @Override
    public VerificationKeys current() {
        return keys;
    }
}
