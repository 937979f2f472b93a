package dev.tokengate.internal.jwt;

import dev.tokengate.internal.http.IssuerUnavailableException;

import java.util.ArrayList;
import java.util.List;

/** Fixed keys (the HMAC secret) beside fetched ones, for the rare API that accepts both kinds of token. */
record CombinedKeyProvider(VerificationKeys fixed, KeyProvider fetched) implements KeyProvider {

    @Override
    public VerificationKeys current() throws IssuerUnavailableException {
        return combine(fetched.current());
    }

    @Override
    public VerificationKeys afterUnknownKeyId(String kid) throws IssuerUnavailableException {
        return combine(fetched.afterUnknownKeyId(kid));
    }

    private VerificationKeys combine(VerificationKeys other) {
        List<VerificationKey> all = new ArrayList<>(fixed.all());
        all.addAll(other.all());
        return new VerificationKeys(all);
    }
}
