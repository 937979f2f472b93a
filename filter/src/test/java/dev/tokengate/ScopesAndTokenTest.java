package dev.tokengate;

import dev.tokengate.internal.claims.ScopeClaims;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScopesAndTokenTest {

    @Test
    void mergesEveryScopeClaimFormat() {
        Map<String, Object> claims = Map.of(
                "scope", "read:patients  write:patients",
                "scp", List.of("okta.read", 7),
                "permissions", List.of("read:admin"));
        assertThat(ScopeClaims.DEFAULT.extract(claims).values())
                .containsExactlyInAnyOrder("read:patients", "write:patients", "okta.read", "read:admin");
        assertThat(ScopeClaims.DEFAULT.extract(Map.of("scp", "a b")).values()).containsExactlyInAnyOrder("a", "b");
        assertThat(new ScopeClaims(List.of("scp")).extract(claims).values()).containsExactly("okta.read");
        assertThat(ScopeClaims.DEFAULT.extract(Map.of()).values()).isEmpty();
    }

    @Test
    void scopesCompareExactly() {
        Scopes scopes = new Scopes(Set.of("read:patients"));
        assertThat(scopes.contains("read:patients")).isTrue();
        assertThat(scopes.contains("READ:patients")).isFalse();
        assertThat(scopes.contains("read")).isFalse();
        assertThat(scopes.containsAny(List.of("x", "read:patients"))).isTrue();
        assertThat(scopes.containsAll(List.of("x", "read:patients"))).isFalse();
    }

    @Test
    void claimsAreTypedAsMicroProfileJwtDefines() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://issuer");
        claims.put("sub", "user-1");
        claims.put("preferred_username", "ann");
        claims.put("exp", 1900000000L);
        claims.put("aud", "api");
        claims.put("groups", List.of("nurses"));
        claims.put("custom", Map.of("a", 1));
        claims.put("plain", "text");
        claims.put("count", 3L);
        VerifiedToken token = new VerifiedToken("raw", claims, Scopes.NONE, 1900000000L);
        assertThat(token.getName()).isEqualTo("ann");
        assertThat(token.getExpirationTime()).isEqualTo(1900000000L);
        assertThat(token.<Long>getClaim("exp")).isEqualTo(1900000000L);
        assertThat(token.getAudience()).containsExactly("api");
        assertThat(token.getGroups()).containsExactly("nurses");
        assertThat(token.<Object>getClaim("custom")).isInstanceOf(JsonObject.class);
        assertThat(token.<Object>getClaim("plain")).isInstanceOf(JsonString.class);
        assertThat(token.<Object>getClaim("count")).isInstanceOf(JsonNumber.class);
        assertThat(token.<String>getClaim("raw_token")).isEqualTo("raw");
        assertThat(token.getClaimNames()).contains("raw_token", "sub");
        assertThat(token.<Object>getClaim("missing")).isNull();
        assertThat(token.toString()).doesNotContain("raw");
    }

    @Test
    void aTokenWithoutExpOrIatAnswersZeroInsteadOfThrowing() {
        VerifiedToken userinfoValidated = new VerifiedToken("raw", Map.of("sub", "u"), Scopes.NONE, Long.MAX_VALUE);
        assertThat(userinfoValidated.getExpirationTime()).isZero();
        assertThat(userinfoValidated.getIssuedAtTime()).isZero();
    }

    @Test
    void expAndIatAreEpochSeconds() {
        VerifiedToken token = new VerifiedToken("raw", Map.of("exp", 1900000000L, "iat", 1800000000), Scopes.NONE,
                1900000000L);
        assertThat(token.getExpirationTime()).isEqualTo(1900000000L);
        assertThat(token.getIssuedAtTime()).isEqualTo(1800000000L);
    }

    @Test
    void aTimeClaimBeyondALongReadsAsNullNotAWrappedValue() {
        VerifiedToken token = new VerifiedToken("raw", Map.of("auth_time", new java.math.BigInteger("18446744073709551617")),
                Scopes.NONE, 1900000000L);
        assertThat(token.<Long>getClaim("auth_time")).isNull();
    }

    @Test
    void theRolesAreThoseTheTokenWasBuiltWith() {
        VerifiedToken token = new VerifiedToken("raw", Map.of("groups", List.of("g")), new Scopes(Set.of("s")),
                Set.of("reader"), 1900000000L);
        assertThat(token.getRoles()).containsExactly("reader");
        assertThat(token.getGroups()).containsExactly("g");
    }

    @Test
    void withoutConfiguredRolesTheGroupsAndScopesAreTheRoles() {
        VerifiedToken token = new VerifiedToken("raw", Map.of("groups", List.of("g")), new Scopes(Set.of("s")),
                1900000000L);
        assertThat(token.getRoles()).containsExactlyInAnyOrder("g", "s");
    }
}
