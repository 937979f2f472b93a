package dev.tokengate.test;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One token of a {@link TestIssuer}'s, described fluently: by default an RS256 JWT for the issuer's audience, subject
 * {@code user}, valid for an hour, with {@code typ} {@code at+jwt}. Presets put scopes and roles where each identity
 * provider puts them; the hostile shapes are what an API must refuse.
 *
 * <pre>{@code
 * String token = issuer.token().subject("alice").scopes("read:patients").roles("nurse").build();
 * String entra = issuer.token().entra().scopes("Patients.Read").build();
 * String forged = issuer.token().signedWithUnknownKey().build();
 * }</pre>
 */
public final class TokenBuilder {
    /** Where {@link #auth0()} puts roles: Auth0 rules and actions must namespace custom claims. */
    public static final String AUTH0_ROLES_CLAIM = "https://tokengate.test/roles";

    private enum Shape { PLAIN, AUTH0, OKTA, KEYCLOAK, ENTRA }

    private final TestIssuer issuer;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final List<String> scopes = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private Shape shape = Shape.PLAIN;
    private Duration expiresIn = Duration.ofHours(1);
    private Instant issuedAt = Instant.now();
    private boolean unknownKey;
    private boolean unsigned;
    private String keyId;
    private String type = "at+jwt";

    TokenBuilder(TestIssuer issuer) {
        this.issuer = issuer;
        claims.put("sub", "user");
        claims.put("aud", issuer.audience());
    }

    /**
     * @param subject the {@code sub}
     * @return this builder
     */
    public TokenBuilder subject(String subject) {
        return claim("sub", subject);
    }

    /**
     * @param audiences the {@code aud}: one (a string) or several (an array)
     * @return this builder
     */
    public TokenBuilder audience(String... audiences) {
        return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
    }

    /**
     * @param scopes scopes to grant, placed as the preset says ({@code scope} by default)
     * @return this builder
     */
    public TokenBuilder scopes(String... scopes) {
        this.scopes.addAll(List.of(scopes));
        return this;
    }

    /**
     * @param roles roles to grant, placed as the preset says ({@code groups} by default)
     * @return this builder
     */
    public TokenBuilder roles(String... roles) {
        this.roles.addAll(List.of(roles));
        return this;
    }

    /**
     * @param expiresIn how long from now it is valid; negative: already expired
     * @return this builder
     */
    public TokenBuilder expiresIn(Duration expiresIn) {
        this.expiresIn = expiresIn;
        return this;
    }

    /**
     * @param acr the login's strength (RFC 9470 step-up), with {@code auth_time} now unless set
     * @return this builder
     */
    public TokenBuilder acr(String acr) {
        claims.putIfAbsent("auth_time", Instant.now().getEpochSecond());
        return claim("acr", acr);
    }

    /**
     * @param authTime when the user logged in ({@code auth_time})
     * @return this builder
     */
    public TokenBuilder authTime(Instant authTime) {
        return claim("auth_time", authTime.getEpochSecond());
    }

    /**
     * @param notBefore when it becomes valid ({@code nbf})
     * @return this builder
     */
    public TokenBuilder notBefore(Instant notBefore) {
        return claim("nbf", notBefore.getEpochSecond());
    }

    /**
     * @param keyId the header's {@code kid} instead of the signing key's own: with {@link #signedWithUnknownKey()}, a
     *              token from another issuer, whose key the API cannot find; alone, a {@code kid} the issuer never
     *              published
     * @return this builder
     */
    public TokenBuilder keyId(String keyId) {
        this.keyId = keyId;
        return this;
    }

    /**
     * @param jwkThumbprint the RFC 7638 thumbprint of the client's DPoP key, as {@code cnf.jkt} (RFC 9449)
     * @return this builder
     */
    public TokenBuilder dpopBound(String jwkThumbprint) {
        return claim("cnf", Map.of("jkt", jwkThumbprint));
    }

    /**
     * @param name  any claim
     * @param value its value (strings, numbers, booleans, lists, maps); {@code null} removes it
     * @return this builder
     */
    public TokenBuilder claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /**
     * @param type the {@code typ} header; {@code null} leaves it out
     * @return this builder
     */
    public TokenBuilder type(String type) {
        this.type = type;
        return this;
    }

    /**
     * Auth0: scopes in {@code scope} and in {@code permissions} (RBAC), roles in a namespaced claim.
     *
     * @return this builder
     */
    public TokenBuilder auth0() {
        shape = Shape.AUTH0;
        return this;
    }

    /**
     * Okta: scopes as the {@code scp} array, roles in {@code groups}.
     *
     * @return this builder
     */
    public TokenBuilder okta() {
        shape = Shape.OKTA;
        return this;
    }

    /**
     * Keycloak: scopes in {@code scope}, roles in {@code realm_access.roles}.
     *
     * @return this builder
     */
    public TokenBuilder keycloak() {
        shape = Shape.KEYCLOAK;
        return this;
    }

    /**
     * Entra ID: delegated scopes in {@code scp} (a space-separated string), app roles in {@code roles}.
     *
     * @return this builder
     */
    public TokenBuilder entra() {
        shape = Shape.ENTRA;
        return this;
    }

    /**
     * Expired an hour ago.
     *
     * @return this builder
     */
    public TokenBuilder expired() {
        issuedAt = Instant.now().minus(Duration.ofHours(2));
        expiresIn = Duration.ofHours(1);
        return this;
    }

    /**
     * Signed with a key the issuer never published (forged, or from another issuer under this one's name).
     *
     * @return this builder
     */
    public TokenBuilder signedWithUnknownKey() {
        unknownKey = true;
        return this;
    }

    /**
     * {@code alg: none}, no signature: the oldest attack on JWT validation.
     *
     * @return this builder
     */
    public TokenBuilder unsigned() {
        unsigned = true;
        return this;
    }

    /** @return the compact JWT */
    public String build() {
        Map<String, Object> payload = payload();
        if (unsigned) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "none");
            if (type != null) {
                header.put("typ", type);
            }
            return b64(JsonUtil.toJson(header)) + "." + b64(JsonUtil.toJson(payload)) + ".";
        }
        try {
            RsaJsonWebKey key = unknownKey ? stranger() : issuer.signingKey();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(JsonUtil.toJson(payload));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            // an unknown key under the issuer's kid: a forgery the API finds a key for, whose signature then fails
            jws.setKeyIdHeaderValue(keyId != null ? keyId : unknownKey ? issuer.signingKey().getKeyId() : key.getKeyId());
            if (type != null) {
                jws.setHeader("typ", type);
            }
            jws.setKey(key.getPrivateKey());
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the test token", e);
        }
    }

    /**
     * An opaque token (no JWT) that the issuer's introspection and userinfo endpoints recognise, with these claims.
     *
     * @return the token
     */
    public String opaque() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        issuer.registerOpaque(token, payload());
        return token;
    }

    private Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuer.issuer());
        payload.put("iat", issuedAt.getEpochSecond());
        payload.put("exp", issuedAt.plus(expiresIn).getEpochSecond());
        payload.putAll(claims); // an explicit claim("exp", ...) or claim("iat", ...) wins
        String scope = String.join(" ", scopes);
        // a preset places what was granted, and leaves out what was not: no empty scope string, no empty role list
        boolean anyScope = !scopes.isEmpty();
        boolean anyRole = !roles.isEmpty();
        switch (shape) {
            case PLAIN -> {
                putIf(payload, anyScope, "scope", scope);
                putIf(payload, anyRole, "groups", List.copyOf(roles));
            }
            case AUTH0 -> {
                putIf(payload, anyScope, "scope", scope);
                putIf(payload, anyScope, "permissions", List.copyOf(scopes));
                putIf(payload, anyRole, AUTH0_ROLES_CLAIM, List.copyOf(roles));
            }
            case OKTA -> {
                putIf(payload, anyScope, "scp", List.copyOf(scopes));
                putIf(payload, anyRole, "groups", List.copyOf(roles));
            }
            case KEYCLOAK -> {
                putIf(payload, anyScope, "scope", scope);
                putIf(payload, anyRole, "realm_access", Map.of("roles", List.copyOf(roles)));
            }
            case ENTRA -> {
                putIf(payload, anyScope, "scp", scope);
                putIf(payload, anyRole, "roles", List.copyOf(roles));
            }
        }
        return payload;
    }

    private static void putIf(Map<String, Object> payload, boolean granted, String name, Object value) {
        if (granted) {
            payload.putIfAbsent(name, value);
        }
    }

    private static RsaJsonWebKey stranger() throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("stranger");
        return key;
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
