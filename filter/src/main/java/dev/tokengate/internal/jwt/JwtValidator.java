package dev.tokengate.internal.jwt;

import dev.tokengate.internal.claims.IssuerClaim;
import dev.tokengate.internal.claims.TimeClaims;
import dev.tokengate.internal.claims.ClaimValidator;
import dev.tokengate.internal.claims.TokenRejection;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.AccessClaims;
import dev.tokengate.TokenValidator;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.cache.VerifiedTokenCache;
import dev.tokengate.internal.http.IssuerUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Validates a JWT access token locally, in the order RFC 8725 suggests: strict compact parse, header rules (algorithm
 * allowlist, {@code typ}, {@code crit}), the trusted issuer, key selection among configured keys only, signature, then
 * the other claim rules. Each step is a small replaceable object; this class only runs them in order.
 *
 * <p>{@code iss} is read before any key is looked up, from the still unverified payload, and only ever to refuse: a
 * token of an issuer this API does not trust (another realm of the same Keycloak, say) is refused as such, costs no
 * key lookup and cannot spend the rate-limited key-set refetch that an unknown {@code kid} triggers, which a genuine
 * key rotation of the trusted issuer may need a moment later. The payload is parsed once, before the signature;
 * it is at most the token's size limit (8 KiB by default).
 */
public final class JwtValidator implements TokenValidator {

    private final List<HeaderValidator> headerValidators;
    private final IssuerClaim trustedIssuer;
    private final KeyProvider keys;
    private final SignatureVerifier signatures;
    private final List<ClaimValidator> claimValidators;
    private final AccessClaims access;
    private final Clock clock;
    private final Duration retryAfter;
    private final VerifiedTokenCache cache;
    private final TimeClaims cacheLifetime;

    public JwtValidator(List<HeaderValidator> headerValidators, KeyProvider keys, SignatureVerifier signatures,
                        List<ClaimValidator> claimValidators, AccessClaims access, Clock clock,
                        Duration retryAfter) {
        this(headerValidators, null, keys, signatures, claimValidators, access, clock, retryAfter, null, null);
    }

    /**
     * With a cache of verified tokens: a token seen before is answered from it while {@code timeRules} still accept it
     * and the key that verified it is still among the current keys.
     *
     * @param trustedIssuer checked before any key is looked up; {@code null} for none (signature-layer tests only)
     */
    public JwtValidator(List<HeaderValidator> headerValidators, IssuerClaim trustedIssuer, KeyProvider keys,
                        SignatureVerifier signatures, List<ClaimValidator> claimValidators, AccessClaims access,
                        Clock clock, Duration retryAfter, VerifiedTokenCache cache, TimeClaims timeRules) {
        this.headerValidators = List.copyOf(headerValidators);
        this.trustedIssuer = trustedIssuer;
        this.keys = keys;
        this.signatures = signatures;
        this.claimValidators = List.copyOf(claimValidators);
        this.access = access;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.cache = cache;
        this.cacheLifetime = timeRules;
    }

    @Override
    public Authentication validate(String token) {
        try {
            return new Authentication.Authenticated(verify(token));
        } catch (TokenRejection rejection) {
            return new Authentication.Rejected(rejection.reason());
        } catch (IssuerUnavailableException unavailable) {
            return new Authentication.Unavailable(retryAfter);
        }
    }

    /**
     * The token as this validator verified it before, when its cache still holds it and its key is still trusted
     * (its {@code exp} and maximum age checked again); otherwise {@code null}. Costs no parsing.
     */
    VerifiedToken cached(String token) {
        return cache == null ? null : cache.get(token, clock.millis() / 1000, this::stillTrusted);
    }

    /** The same checks, for callers that prefer exceptions: the precise reason is in the {@link TokenRejection}. */
    public VerifiedToken verify(String token) throws TokenRejection, IssuerUnavailableException {
        long now = clock.millis() / 1000;
        if (cache != null) {
            VerifiedToken known = cache.get(token, now, this::stillTrusted);
            if (known != null) {
                return known;
            }
        }
        CompactJws jws = CompactJws.parse(token);
        checkHeader(jws);
        return verify(jws, trustedIssuer == null ? null : jws.claims(), now);
    }

    /**
     * For {@link IssuerRouter}, which parsed the token and its claims to route it, and found this validator by its
     * {@code iss}: the rest of the checks, without parsing again.
     */
    Authentication validateParsed(CompactJws jws, Map<String, Object> claims) {
        try {
            checkHeader(jws);
            return new Authentication.Authenticated(verify(jws, claims, clock.millis() / 1000));
        } catch (TokenRejection rejection) {
            return new Authentication.Rejected(rejection.reason());
        } catch (IssuerUnavailableException unavailable) {
            return new Authentication.Unavailable(retryAfter);
        }
    }

    /** From the issuer on; {@code unverifiedClaims} is the parsed payload, or null where no issuer is checked. */
    private VerifiedToken verify(CompactJws jws, Map<String, Object> unverifiedClaims, long now)
            throws TokenRejection, IssuerUnavailableException {
        if (trustedIssuer != null) {
            trustedIssuer.validate(unverifiedClaims, now);
        }
        VerificationKey key = verifySignature(jws);
        // authentic from here on: the same map, now known to be what the issuer signed
        Map<String, Object> claims = unverifiedClaims != null ? unverifiedClaims : jws.claims();
        for (ClaimValidator validator : claimValidators) {
            validator.validate(claims, now);
        }
        VerifiedToken verified = access.token(jws.token(), claims, TimeClaims.expiry(claims));
        if (cache != null) {
            cache.put(verified, key.key(), cacheLifetime.usableUntil(claims), now);
        }
        return verified;
    }

    private boolean stillTrusted(java.security.Key key) {
        try {
            return keys.current().contains(key);
        } catch (IssuerUnavailableException noKeys) {
            return false;
        }
    }

    /**
     * The JWS layer alone: strict parse, header rules, key selection and signature. The payload is authentic
     * afterwards, but nothing has been said about its claims.
     */
    CompactJws verifiedJws(String token) throws TokenRejection, IssuerUnavailableException {
        CompactJws jws = CompactJws.parse(token);
        checkHeader(jws);
        verifySignature(jws);
        return jws;
    }

    private void checkHeader(CompactJws jws) throws TokenRejection {
        for (HeaderValidator validator : headerValidators) {
            validator.validate(jws.header());
        }
    }

    /** Key selection and signature (the header rules passed); returns the key that verified it. */
    private VerificationKey verifySignature(CompactJws jws) throws TokenRejection, IssuerUnavailableException {
        JwsHeader header = jws.header();
        String alg = header.algorithm();
        String kid = header.keyId();
        VerificationKeys available = keys.current();
        List<VerificationKey> candidates = available.candidates(alg, kid);
        if (candidates.isEmpty() && kid != null && !available.hasKeyId(kid)) {
            available = keys.afterUnknownKeyId(kid);
            candidates = available.candidates(alg, kid);
        }
        if (candidates.isEmpty()) {
            throw new TokenRejection(RejectionReason.UNKNOWN_KEY);
        }
        byte[] signingInput = jws.signingInput();
        for (VerificationKey key : candidates) {
            if (signatures.verify(alg, key, signingInput, jws.signature())) {
                return key;
            }
        }
        throw new TokenRejection(RejectionReason.BAD_SIGNATURE);
    }
}
