package dev.tokengate.internal.claims;

import dev.tokengate.RejectionReason;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code exp} (required), {@code nbf} and {@code iat}, each a JSON number between 0 and the end of year 9999 (fractions
 * allowed, as RFC 7519's NumericDate permits), judged with the configured clock skew; plus the optional maximum age
 * (from {@code iat}) and maximum lifetime ({@code exp - iat}), which then make {@code iat} required.
 */
public final class TimeClaims implements ClaimValidator {
    /** 9999-12-31T23:59:59Z: no real token carries a later time, and beyond it arithmetic gets brittle. */
    static final double LATEST = 253402300799d;

    private final long skew;
    private final long maxAge;
    private final long maxLifetime;
    private final boolean expiryRequired;

    /** The rules for a JWT access token: {@code exp} required (RFC 9068 §2.2). */
    public TimeClaims(Duration clockSkew, Optional<Duration> maxTokenAge, Optional<Duration> maxLifetime) {
        this(clockSkew.toSeconds(), maxTokenAge.map(Duration::toSeconds).orElse(-1L),
                maxLifetime.map(Duration::toSeconds).orElse(-1L), true);
    }

    private TimeClaims(long skew, long maxAge, long maxLifetime, boolean expiryRequired) {
        this.skew = skew;
        this.maxAge = maxAge;
        this.maxLifetime = maxLifetime;
        this.expiryRequired = expiryRequired;
    }

    /**
     * The rules for an introspection answer (RFC 7662 §2.2): every time claim is optional, and each one present is
     * judged exactly as in a JWT (same number format, range and skew).
     */
    public static TimeClaims forIntrospection(Duration clockSkew) {
        return new TimeClaims(clockSkew.toSeconds(), -1, -1, false);
    }

    @Override
    public void validate(Map<String, Object> claims, long now) throws TokenRejection {
        double exp = numericDate(claims, "exp");
        double nbf = numericDate(claims, "nbf");
        double iat = numericDate(claims, "iat");
        if (Double.isNaN(exp) && expiryRequired) {
            throw new TokenRejection(RejectionReason.MISSING_EXPIRY);
        }
        if (!Double.isNaN(exp) && now >= exp + skew) {
            throw new TokenRejection(RejectionReason.EXPIRED);
        }
        if (!Double.isNaN(nbf) && now + skew < nbf) {
            throw new TokenRejection(RejectionReason.NOT_YET_VALID);
        }
        if (!Double.isNaN(iat) && now + skew < iat) {
            throw new TokenRejection(RejectionReason.ISSUED_IN_FUTURE);
        }
        if ((maxAge >= 0 || maxLifetime >= 0) && Double.isNaN(iat)) {
            throw new TokenRejection(RejectionReason.MISSING_ISSUED_AT);
        }
        if (maxAge >= 0 && now - iat > maxAge + skew) {
            throw new TokenRejection(RejectionReason.TOO_OLD);
        }
        if (maxLifetime >= 0 && exp - iat > maxLifetime) {
            throw new TokenRejection(RejectionReason.LIFETIME_TOO_LONG);
        }
    }

    /** The claim in epoch seconds, {@code NaN} when absent; anything but a plausible number is malformed. */
    static double numericDate(Map<String, Object> claims, String name) throws TokenRejection {
        Object value = claims.get(name);
        if (value == null) {
            if (claims.containsKey(name)) {
                throw new TokenRejection(RejectionReason.MALFORMED_CLAIMS);
            }
            return Double.NaN;
        }
        // jose4j gives Long for integers, Double for fractions, BigInteger for integers too big for a long: only the
        // first two can be a real time.
        double seconds;
        if (value instanceof Long || value instanceof Integer) {
            seconds = ((Number) value).longValue();
        } else if (value instanceof Double d) {
            seconds = d;
        } else {
            throw new TokenRejection(RejectionReason.MALFORMED_CLAIMS);
        }
        if (!(seconds >= 0 && seconds <= LATEST)) {
            throw new TokenRejection(RejectionReason.MALFORMED_CLAIMS);
        }
        return seconds;
    }

    /**
     * Until when (epoch seconds, exclusive) a token that passed now keeps passing these rules: {@code exp} plus the
     * skew, or sooner when a maximum age applies. For callers that keep a validated token around.
     */
    public long usableUntil(Map<String, Object> claims) throws TokenRejection {
        // validate() accepts while now < exp + skew, and (with a maximum age) while now <= iat + maxAge + skew.
        double exp = numericDate(claims, "exp");
        long until = Double.isNaN(exp) ? Long.MAX_VALUE : (long) Math.ceil(exp + skew);
        if (maxAge >= 0) {
            until = Math.min(until, (long) Math.floor(numericDate(claims, "iat") + maxAge + skew) + 1);
        }
        return until;
    }

    /** {@code exp} as whole epoch seconds ({@link Long#MAX_VALUE} when absent), for callers that keep a token around. */
    public static long expiry(Map<String, Object> claims) throws TokenRejection {
        double exp = numericDate(claims, "exp");
        return Double.isNaN(exp) ? Long.MAX_VALUE : (long) Math.ceil(exp);
    }
}
