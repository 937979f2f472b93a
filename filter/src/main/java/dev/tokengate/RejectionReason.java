package dev.tokengate;

/**
 * Why a request was not authenticated. Each reason carries the RFC 6750 error code and a fixed, human-readable sentence
 * that is safe to send to the client: it never contains request input.
 */
public enum RejectionReason {
    /** No bearer token was presented where one is needed; the challenge carries no error code (RFC 6750 §3.1). */
    MISSING_TOKEN(ErrorCode.NONE, "An access token is required."),

    MALFORMED_AUTHORIZATION(ErrorCode.INVALID_REQUEST, "The Authorization header is not a well-formed Bearer credential."),
    MULTIPLE_TOKENS(ErrorCode.INVALID_REQUEST, "The request carries more than one access token."),

    TOKEN_TOO_LONG(ErrorCode.INVALID_TOKEN, "The access token is longer than this API accepts."),
    MALFORMED_TOKEN(ErrorCode.INVALID_TOKEN, "The access token is malformed."),
    OPAQUE_TOKEN_NOT_ACCEPTED(ErrorCode.INVALID_TOKEN, "The access token is not a signed JWT and this API accepts no other kind."),
    UNSUPPORTED_ALGORITHM(ErrorCode.INVALID_TOKEN, "The access token is signed with an algorithm this API does not accept."),
    UNSUPPORTED_TYPE(ErrorCode.INVALID_TOKEN, "The token is not an access token of a type this API accepts."),
    UNSUPPORTED_CRITICAL_HEADER(ErrorCode.INVALID_TOKEN, "The access token has a critical header extension this API does not understand."),
    UNKNOWN_KEY(ErrorCode.INVALID_TOKEN, "The access token is signed with a key this API does not know."),
    BAD_SIGNATURE(ErrorCode.INVALID_TOKEN, "The access token signature is invalid."),
    MALFORMED_CLAIMS(ErrorCode.INVALID_TOKEN, "The access token claims are malformed."),
    MISSING_EXPIRY(ErrorCode.INVALID_TOKEN, "The access token has no expiry time."),
    EXPIRED(ErrorCode.INVALID_TOKEN, "The access token has expired."),
    NOT_YET_VALID(ErrorCode.INVALID_TOKEN, "The access token is not valid yet."),
    ISSUED_IN_FUTURE(ErrorCode.INVALID_TOKEN, "The access token was issued in the future."),
    MISSING_ISSUED_AT(ErrorCode.INVALID_TOKEN, "The access token has no issue time, which this API requires."),
    TOO_OLD(ErrorCode.INVALID_TOKEN, "The access token is older than this API accepts."),
    LIFETIME_TOO_LONG(ErrorCode.INVALID_TOKEN, "The access token lives longer than this API accepts."),
    WRONG_ISSUER(ErrorCode.INVALID_TOKEN, "The access token was not issued by the trusted issuer."),
    WRONG_AUDIENCE(ErrorCode.INVALID_TOKEN, "The access token is not intended for this API."),
    TOKEN_NOT_ACTIVE(ErrorCode.INVALID_TOKEN, "The issuer does not recognise the access token as active."),

    INSUFFICIENT_SCOPE(ErrorCode.INSUFFICIENT_SCOPE, "The access token does not grant the scope this resource requires."),

    ISSUER_UNAVAILABLE(ErrorCode.TEMPORARILY_UNAVAILABLE, "The token issuer cannot be reached; try again later.");

    /** The RFC 6750 error codes, and the two statuses that are not challenges. */
    public enum ErrorCode {
        NONE(401, null),
        INVALID_REQUEST(400, "invalid_request"),
        INVALID_TOKEN(401, "invalid_token"),
        INSUFFICIENT_SCOPE(403, "insufficient_scope"),
        /** Not an RFC 6750 code: answered with 503 and {@code Retry-After}, without a challenge. */
        TEMPORARILY_UNAVAILABLE(503, null);

        private final int status;
        private final String code;

        ErrorCode(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        /** The {@code error} attribute value, or {@code null} when the response carries none. */
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

    public ErrorCode errorCode() {
        return errorCode;
    }

    public int status() {
        return errorCode.status();
    }

    /** A fixed sentence for {@code error_description} and the problem body's {@code detail}. */
    public String description() {
        return description;
    }
}
