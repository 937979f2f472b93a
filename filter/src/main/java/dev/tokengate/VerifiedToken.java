package dev.tokengate;

import dev.tokengate.internal.json.JsonValues;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A bearer token that passed validation: the request's {@code Principal}. Claims are typed as MicroProfile JWT
 * defines them ({@code org.eclipse.microprofile.jwt.Claims#getType()}): standard string claims as {@code String}, time claims as {@code Long},
 * {@code aud} and {@code groups} as {@code Set<String>}, everything else as a JSON-P {@code JsonValue}.
 */
public final class VerifiedToken implements JsonWebToken {

    /**
     * The Java type MicroProfile JWT gives each standard claim ({@code org.eclipse.microprofile.jwt.Claims}), copied
     * rather than read from that enum: initialising it loads {@code jakarta.json.JsonObject}, and a servlet
     * application on Tomcat or Jetty may have no JSON-P at all. Claims not listed are JSON-P values, built only when
     * asked for.
     */
    private static final Map<String, Class<?>> STANDARD_CLAIM_TYPES = standardClaimTypes();
    private static final String RAW_TOKEN = "raw_token";

    private static Map<String, Class<?>> standardClaimTypes() {
        Map<String, Class<?>> types = new java.util.HashMap<>();
        for (String name : new String[] {"iss", "sub", "jti", "upn", "raw_token", "azp", "nonce", "full_name",
                "family_name", "middle_name", "nickname", "given_name", "preferred_username", "email", "gender",
                "birthdate", "zoneinfo", "locale", "phone_number", "acr", "amr", "cnf", "sip_from_tag", "sip_date",
                "sip_callid", "sip_cseq_num", "sip_via_branch", "orig", "dest", "mky", "jwe", "kid", "jku"}) {
            types.put(name, String.class);
        }
        for (String name : new String[] {"exp", "iat", "nbf", "auth_time", "updated_at", "at_hash", "c_hash"}) {
            types.put(name, Long.class);
        }
        types.put("groups", Set.class);
        types.put("aud", Set.class);
        types.put("email_verified", Boolean.class);
        types.put("phone_number_verified", Boolean.class);
        return Map.copyOf(types);
    }

    private final String rawToken;
    private final Map<String, Object> claims;
    private final Scopes scopes;
    private final Set<String> roles;
    private final long expiresAt;
    private final String issuerName;

    /** The name of the issuer the {@code mp.jwt.*} properties define, as {@link #getIssuerName()} reports it. */
    public static final String DEFAULT_ISSUER = "default";

    /**
     * @param rawToken  the token as presented
     * @param claims    the claims as parsed from JSON (strings, numbers, booleans, lists and maps); not copied, so
     *                  the caller hands over a map nobody else changes
     * @param scopes    the scopes the token grants
     * @param expiresAt {@code exp} in epoch seconds, or {@link Long#MAX_VALUE} for a token that carries none
     */
    public VerifiedToken(String rawToken, Map<String, Object> claims, Scopes scopes, long expiresAt) {
        this(rawToken, claims, scopes, defaultRoles(claims, scopes), expiresAt);
    }

    /**
     * @param rawToken  the token as presented
     * @param claims    the claims as parsed from JSON; not copied
     * @param scopes    the scopes the token grants
     * @param roles     the roles it carries, as configured ({@code tokengate.roles.*})
     * @param expiresAt {@code exp} in epoch seconds, or {@link Long#MAX_VALUE} for a token that carries none
     */
    public VerifiedToken(String rawToken, Map<String, Object> claims, Scopes scopes, Set<String> roles,
                         long expiresAt) {
        this(rawToken, claims, scopes, roles, expiresAt, DEFAULT_ISSUER);
    }

    /**
     * @param rawToken   the token as presented
     * @param claims     the claims as parsed from JSON; not copied
     * @param scopes     the scopes the token grants
     * @param roles      the roles it carries, as configured
     * @param expiresAt  {@code exp} in epoch seconds, or {@link Long#MAX_VALUE} for a token that carries none
     * @param issuerName the name of the configured issuer that accepted it ({@link #DEFAULT_ISSUER}, or one of
     *                   {@code tokengate.issuers})
     */
    public VerifiedToken(String rawToken, Map<String, Object> claims, Scopes scopes, Set<String> roles,
                         long expiresAt, String issuerName) {
        this.issuerName = Objects.requireNonNull(issuerName, "issuerName");
        this.rawToken = Objects.requireNonNull(rawToken, "rawToken");
        this.claims = java.util.Collections.unmodifiableMap(claims);
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.roles = Set.copyOf(roles);
        this.expiresAt = expiresAt;
    }

    /** The default configuration's roles: the {@code groups} claim and the scopes. */
    private static Set<String> defaultRoles(Map<String, Object> claims, Scopes scopes) {
        Set<String> roles = new LinkedHashSet<>(stringSet(claims.get("groups")));
        roles.addAll(scopes.values());
        return roles;
    }

    /**
     * Which configured issuer accepted the token: {@link #DEFAULT_ISSUER} for the one the {@code mp.jwt.*} properties
     * define (and for opaque tokens, which that issuer validates), otherwise its name in {@code tokengate.issuers}.
     *
     * @return the issuer's configured name
     */
    public String getIssuerName() {
        return issuerName;
    }

    /**
     * The caller's roles, which {@code isUserInRole}, {@code @RolesAllowed} and {@code SecurityContext} consult: the
     * values of the claims {@code tokengate.roles.claims} names ({@code groups} by default), mapped by
     * {@code tokengate.roles.map}, plus the scopes only with {@code tokengate.roles.include-scopes=true}.
     *
     * @return the roles, empty when the token carries none
     */
    public Set<String> getRoles() {
        return roles;
    }

    /**
     * The scopes or permissions the token grants, read from the configured claims.
     *
     * @return the scopes, empty when the token grants none
     */
    public Scopes getScopes() {
        return scopes;
    }

    /**
     * When the token expires.
     *
     * @return {@code exp} in epoch seconds, or {@link Long#MAX_VALUE} when the token has none (a userinfo answer)
     */
    public long expiresAt() {
        return expiresAt;
    }

    /**
     * The claims as parsed from JSON, without MicroProfile's type conversions.
     *
     * @return an unmodifiable map of claim names to strings, numbers, booleans, lists and maps
     */
    public Map<String, Object> rawClaims() {
        return claims;
    }

    // MicroProfile's default accessors name the Claims enum; these do not (see STANDARD_CLAIM_TYPES).

    @Override
    public String getIssuer() {
        return claims.get("iss") instanceof String issuer ? issuer : null;
    }

    @Override
    public String getSubject() {
        return claims.get("sub") instanceof String subject ? subject : null;
    }

    @Override
    public String getTokenID() {
        return claims.get("jti") instanceof String id ? id : null;
    }

    /** MicroProfile JWT's rule: {@code upn}, else {@code preferred_username}, else {@code sub}. */
    @Override
    public String getName() {
        for (String name : new String[] {"upn", "preferred_username", "sub"}) {
            if (claims.get(name) instanceof String value) {
                return value;
            }
        }
        return null;
    }

    /**
     * {@code exp} in epoch seconds, or {@code 0} when the token has none (a userinfo-validated token). MicroProfile's
     * default would unbox the missing claim and throw.
     */
    @Override
    public long getExpirationTime() {
        return claims.get("exp") instanceof Number exp ? exp.longValue() : 0L;
    }

    /** {@code iat} in epoch seconds, or {@code 0} when the token has none (it is optional). */
    @Override
    public long getIssuedAtTime() {
        return claims.get("iat") instanceof Number iat ? iat.longValue() : 0L;
    }

    @Override
    public String getRawToken() {
        return rawToken;
    }

    @Override
    public Set<String> getGroups() {
        return stringSet(claims.get("groups"));
    }

    @Override
    public Set<String> getAudience() {
        Object aud = claims.get("aud");
        return aud == null ? null : stringSet(aud);
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.keySet());
        names.add(RAW_TOKEN);
        return names;
    }

    @Override
    public boolean containsClaim(String claimName) {
        return claims.containsKey(claimName) || RAW_TOKEN.equals(claimName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        if (RAW_TOKEN.equals(claimName)) {
            return (T) rawToken;
        }
        Object value = claims.get(claimName);
        if (value == null) {
            return null;
        }
        Class<?> type = STANDARD_CLAIM_TYPES.get(claimName);
        if (type == Long.class) {
            // A number beyond a long has no Long reading: null, never a wrapped value.
            return value instanceof Number number && !(number instanceof java.math.BigInteger big && big.bitLength() > 63)
                    ? (T) Long.valueOf(number.longValue()) : null;
        }
        if (type == Set.class) {
            return (T) stringSet(value);
        }
        if (type == String.class) {
            return value instanceof String ? (T) value : (T) String.valueOf(value);
        }
        if (type == Boolean.class && value instanceof Boolean) {
            return (T) value;
        }
        return (T) JsonValues.of(value);
    }


    private static Set<String> stringSet(Object value) {
        if (value instanceof String single) {
            return Set.of(single);
        }
        if (value instanceof Collection<?> items) {
            Set<String> strings = new LinkedHashSet<>();
            for (Object item : items) {
                if (item instanceof String s) {
                    strings.add(s);
                }
            }
            return java.util.Collections.unmodifiableSet(strings);
        }
        return Set.of();
    }

    /** Never prints the token: a principal ends up in logs more often than anyone plans. */
    @Override
    public String toString() {
        return "VerifiedToken[name=" + getName() + ", scopes=" + scopes + "]";
    }
}
