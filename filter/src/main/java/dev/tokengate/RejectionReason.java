package dev.tokengate;

/**
 * Why a request was not authenticated. Each reason carries the RFC 6750 error code and a fixed, human-readable sentence
 * that is safe to send to the client: it never contains request input.
 */
public enum RejectionReason {
    /** No bearer token was presented where one is needed; the challenge carries no error code (RFC 6750 §3.1). */
    MISSING_TOKEN(ErrorCode.NONE, "An access token is required."),

    /** The {@code Authorization} header names the Bearer scheme but its credential is not one b64token. */
    MALFORMED_AUTHORIZATION(ErrorCode.INVALID_REQUEST, "The Authorization header is not a well-formed Bearer credential."),
    /** The token was sent in more than one place, or in two {@code Authorization} headers (RFC 6750 §2). */
    MULTIPLE_TOKENS(ErrorCode.INVALID_REQUEST, "The request carries more than one access token."),

    /** The token is longer than {@code tokengate.token.max-length}; it was not parsed. */
    TOKEN_TOO_LONG(ErrorCode.INVALID_TOKEN, "The access token is longer than this API accepts."),
    /** The token is not a well-formed JWS compact serialization, or its header is not valid JSON. */
    MALFORMED_TOKEN(ErrorCode.INVALID_TOKEN, "The access token is malformed."),
    /** The token is not a JWS and no introspection or userinfo endpoint is configured. */
    OPAQUE_TOKEN_NOT_ACCEPTED(ErrorCode.INVALID_TOKEN, "The access token is not a signed JWT and this API accepts no other kind."),
    /** The header's {@code alg} is not on the configured allowlist ({@code none} never is). */
    UNSUPPORTED_ALGORITHM(ErrorCode.INVALID_TOKEN, "The access token is signed with an algorithm this API does not accept."),
    /** The header's {@code typ} is not one the configured policy accepts (RFC 9068 {@code at+jwt}). */
    UNSUPPORTED_TYPE(ErrorCode.INVALID_TOKEN, "The token is not an access token of a type this API accepts."),
    /** The header has a {@code crit} list that is malformed or names an extension not understood. */
    UNSUPPORTED_CRITICAL_HEADER(ErrorCode.INVALID_TOKEN, "The access token has a critical header extension this API does not understand."),
    /** No configured or published key matches the header's {@code kid} and algorithm. */
    UNKNOWN_KEY(ErrorCode.INVALID_TOKEN, "The access token is signed with a key this API does not know."),
    /** The signature does not verify with the selected key. */
    BAD_SIGNATURE(ErrorCode.INVALID_TOKEN, "The access token signature is invalid."),
    /** The claims are not a JSON object, or a registered claim has the wrong type or an impossible value. */
    MALFORMED_CLAIMS(ErrorCode.INVALID_TOKEN, "The access token claims are malformed."),
    /** The token has no {@code exp} claim. */
    MISSING_EXPIRY(ErrorCode.INVALID_TOKEN, "The access token has no expiry time."),
    /** {@code exp} has passed, clock skew included. */
    EXPIRED(ErrorCode.INVALID_TOKEN, "The access token has expired."),
    /** {@code nbf} is still in the future, clock skew included. */
    NOT_YET_VALID(ErrorCode.INVALID_TOKEN, "The access token is not valid yet."),
    /** {@code iat} is in the future, clock skew included. */
    ISSUED_IN_FUTURE(ErrorCode.INVALID_TOKEN, "The access token was issued in the future."),
    /** The token has no {@code iat} claim, which a configured maximum token age needs. */
    MISSING_ISSUED_AT(ErrorCode.INVALID_TOKEN, "The access token has no issue time, which this API requires."),
    /** The token was issued longer ago than {@code mp.jwt.verify.token.age}. */
    TOO_OLD(ErrorCode.INVALID_TOKEN, "The access token is older than this API accepts."),
    /** {@code exp - iat} exceeds {@code tokengate.token.max-lifetime}. */
    LIFETIME_TOO_LONG(ErrorCode.INVALID_TOKEN, "The access token lives longer than this API accepts."),
    /** {@code iss} is not the configured issuer. */
    WRONG_ISSUER(ErrorCode.INVALID_TOKEN, "The access token was not issued by the trusted issuer."),
    /** {@code aud} contains none of the configured audiences. */
    WRONG_AUDIENCE(ErrorCode.INVALID_TOKEN, "The access token is not intended for this API."),
    /** The introspection endpoint answered {@code active: false}, or userinfo refused the token. */
    TOKEN_NOT_ACTIVE(ErrorCode.INVALID_TOKEN, "The issuer does not recognise the access token as active."),

    /**
     * The token carries {@code cnf.x5t#S256} (RFC 8705 §3), and this request did not come with that client
     * certificate: over TLS from the client, or in the header of a trusted TLS-terminating proxy.
     */
    CERTIFICATE_MISMATCH(ErrorCode.INVALID_TOKEN, "The access token is bound to a client certificate this request was not sent with."),
    /** The token carries {@code cnf.jkt} (RFC 9449 §6) but was sent with the {@code Bearer} scheme (§7.2). */
    DPOP_BOUND_TOKEN_AS_BEARER(ErrorCode.INVALID_TOKEN, "The access token is bound to a DPoP key and must be sent with the DPoP scheme and a proof."),
    /** A plain bearer token where DPoP is required (RFC 9449 §7.1). */
    DPOP_REQUIRED(ErrorCode.INVALID_TOKEN, "This resource accepts only DPoP-bound access tokens."),
    /** The token sent with the {@code DPoP} scheme is not bound to the proof's key ({@code cnf.jkt}, RFC 9449 §6.1). */
    DPOP_KEY_MISMATCH(ErrorCode.INVALID_TOKEN, "The access token is not bound to the key of the DPoP proof."),
    /** The {@code DPoP} scheme without exactly one {@code DPoP} proof header (RFC 9449 §4.3). */
    DPOP_PROOF_MISSING(ErrorCode.INVALID_DPOP_PROOF, "The request must carry exactly one DPoP proof."),
    /**
     * The proof is not a well-formed {@code dpop+jwt} signed with an accepted algorithm by the public key in its
     * {@code jwk} header, or its claims are missing or of the wrong type (RFC 9449 §4.2, §4.3).
     */
    DPOP_PROOF_MALFORMED(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof is malformed or not validly signed by its public key."),
    /** The proof's {@code htm} or {@code htu} is not this request's method or URI (RFC 9449 §4.3). */
    DPOP_PROOF_WRONG_REQUEST(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof was made for a different request."),
    /** The proof's {@code iat} is older than {@code tokengate.dpop.proof-max-age}, or in the future. */
    DPOP_PROOF_STALE(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof was not created within the time this API accepts."),
    /** The proof's {@code ath} is not the hash of the access token it came with (RFC 9449 §4.3). */
    DPOP_PROOF_WRONG_TOKEN(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof was made for a different access token."),
    /** The proof's {@code jti} was seen before (RFC 9449 §11.1), or could not be recorded to rule that out. */
    DPOP_PROOF_REPLAYED(ErrorCode.INVALID_DPOP_PROOF, "The DPoP proof has been used before, or cannot be recorded now."),
    /** Nonces are on and the proof has none, or one no longer current (RFC 9449 §8). */
    DPOP_NONCE_REQUIRED(ErrorCode.USE_DPOP_NONCE, "The DPoP proof must carry the nonce this API provided."),

    /** The token is valid but lacks the scope the resource requires (403). */
    INSUFFICIENT_SCOPE(ErrorCode.INSUFFICIENT_SCOPE, "The access token does not grant the scope this resource requires."),
    /**
     * The token is valid but carries none of the roles a {@code @RolesAllowed} resource allows (403). RFC 6750 has no
     * code of its own for roles; {@code insufficient_scope} ("the request requires higher privileges than provided
     * by the access token") is the one that fits, without a {@code scope} attribute.
     */
    MISSING_ROLE(ErrorCode.INSUFFICIENT_SCOPE, "The access token does not carry a role this resource requires."),
    /**
     * The token is valid, but the trusted issuer that accepted it is not one the resource's {@code @RequiresIssuer}
     * names (403, {@code insufficient_scope} without a {@code scope} attribute, as for a missing role).
     */
    UNACCEPTED_ISSUER(ErrorCode.INSUFFICIENT_SCOPE, "This resource does not accept access tokens from this issuer."),
    /** The resource is {@code @DenyAll} (or {@code @RolesAllowed({})}): 403 for every caller, token or not. */
    CLOSED_TO_ALL(ErrorCode.INSUFFICIENT_SCOPE, "This resource is not open to any caller."),

    /**
     * The token is valid but the login behind it is not one the resource accepts: its {@code acr} is not among the
     * values demanded (RFC 9470: 401 {@code insufficient_user_authentication} with {@code acr_values}).
     */
    WEAK_AUTHENTICATION(ErrorCode.INSUFFICIENT_USER_AUTHENTICATION, "A different authentication level is required."),
    /**
     * The token is valid but the login behind it is older than the resource accepts, or its time is unknown
     * ({@code auth_time}; RFC 9470: 401 {@code insufficient_user_authentication} with {@code max_age}).
     */
    STALE_AUTHENTICATION(ErrorCode.INSUFFICIENT_USER_AUTHENTICATION, "More recent authentication is required."),

    /** The issuer (JWKS, introspection or userinfo endpoint) could not be reached: 503 with {@code Retry-After}. */
    ISSUER_UNAVAILABLE(ErrorCode.TEMPORARILY_UNAVAILABLE, "The token issuer cannot be reached; try again later.");

    /** The RFC 6750 error codes, and the two statuses that are not challenges. */
    public enum ErrorCode {
        /** A 401 challenge without an {@code error} attribute: no token was presented. */
        NONE(401, null),
        /** 400 {@code invalid_request}. */
        INVALID_REQUEST(400, "invalid_request"),
        /** 401 {@code invalid_token}. */
        INVALID_TOKEN(401, "invalid_token"),
        /** 403 {@code insufficient_scope}. */
        INSUFFICIENT_SCOPE(403, "insufficient_scope"),
        /** 401 {@code insufficient_user_authentication} (RFC 9470): the user must log in again, more strongly or afresh. */
        INSUFFICIENT_USER_AUTHENTICATION(401, "insufficient_user_authentication"),
        /** 401 {@code invalid_dpop_proof} (RFC 9449 §7.1): the token may be fine, its proof is not. */
        INVALID_DPOP_PROOF(401, "invalid_dpop_proof"),
        /** 401 {@code use_dpop_nonce} (RFC 9449 §8): retry with the nonce in the {@code DPoP-Nonce} header. */
        USE_DPOP_NONCE(401, "use_dpop_nonce"),
        /** Not an RFC 6750 code: answered with 503 and {@code Retry-After}, without a challenge. */
        TEMPORARILY_UNAVAILABLE(503, null);

        private final int status;
        private final String code;

        ErrorCode(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** @return the HTTP status this code is answered with */
        public int status() {
            return status;
        }

        /** @return the {@code error} attribute value, or {@code null} when the response carries none */
        public String code() {
            return code;
        }
    }

    private final ErrorCode errorCode;
    private final String description;

    RejectionReason(ErrorCode errorCode, String description) {
        this.errorCode = errorCode;
        this.description = description;
    }

    /** @return the RFC 6750 error code this reason is answered with */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** @return the HTTP status this reason is answered with */
    public int status() {
        return errorCode.status();
    }

    /** @return a fixed sentence for {@code error_description} and the problem body's {@code detail} */
    public String description() {
        return description;
    }
}
