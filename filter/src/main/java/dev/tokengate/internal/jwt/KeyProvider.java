package dev.tokengate.internal.jwt;

import dev.tokengate.internal.http.IssuerUnavailableException;

/** Supplies the keys a token may be verified with. */
interface KeyProvider {

    /** The keys to use now. Throws when there are none yet and the issuer cannot be reached. */
    VerificationKeys current() throws IssuerUnavailableException;

    /**
     * A token named a {@code kid} that {@code current()} lacks: the keys may have rotated. Returns fresher keys if this
     * provider may and can fetch them now, else the current ones. Implementations bound how often this fetches.
     */
    default VerificationKeys afterUnknownKeyId(String kid) throws IssuerUnavailableException {
        return current();
    }
}
