package dev.tokengate.internal.claims;

import dev.tokengate.Scopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Claim paths, and roles worked out from them, with the shapes real issuers send. */
class RoleClaimsTest {

    static RoleClaims paths(String... paths) {
        return new RoleClaims(java.util.Arrays.stream(paths).map(ClaimPath::parse).toList(), Map.of(), false);
    }

    @Test
    void aPlainNameReadsATopLevelArray() {
        assertThat(paths("groups").extract(Map.of("groups", List.of("a", "b")), Scopes.NONE)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aDottedPathReadsKeycloaksRealmRoles() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("reader", "offline_access")));
        assertThat(paths("realm_access.roles").extract(claims, Scopes.NONE)).containsExactlyInAnyOrder("reader", "offline_access");
    }

    @Test
    void aDottedPathReadsKeycloaksClientRolesWithADashInTheClientId() {
        Map<String, Object> claims = Map.of("resource_access", Map.of("my-api", Map.of("roles", List.of("writer"))));
        assertThat(paths("resource_access.my-api.roles").extract(claims, Scopes.NONE)).containsExactly("writer");
    }

    @Test
    void aJsonPointerReadsAuth0sNamespacedClaim() {
        Map<String, Object> claims = Map.of("https://example.com/roles", List.of("admin"));
        assertThat(paths("/https:~1~1example.com~1roles").extract(claims, Scopes.NONE)).containsExactly("admin");
    }

    @Test
    void aJsonPointerReadsCognitosColonName() {
        assertThat(paths("/cognito:groups").extract(Map.of("cognito:groups", List.of("g")), Scopes.NONE))
                .containsExactly("g");
    }

    @Test
    void aJsonPointerKeepsATildeWrittenAsTildeZero() {
        assertThat(ClaimPath.parse("/a~0b/c").names()).containsExactly("a~b", "c");
    }

    @Test
    void aSingleStringIsOneRole() {
        assertThat(paths("roles").extract(Map.of("roles", "admin"), Scopes.NONE)).containsExactly("admin");
    }

    @Test
    void valuesFromSeveralPathsAreMergedWithoutDuplicates() {
        Map<String, Object> claims = Map.of("groups", List.of("a", "b"), "roles", List.of("b", "c"));
        assertThat(paths("groups", "roles").extract(claims, Scopes.NONE)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void nonStringArrayMembersGrantNothing() {
        List<Object> mixed = new ArrayList<>(List.of(1L, Map.of("a", "b"), List.of("nested"), true, "ok"));
        mixed.add(null);
        assertThat(paths("groups").extract(Map.of("groups", mixed), Scopes.NONE)).containsExactly("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"realm_access.roles", "a.b.c.d", "/realm_access/roles/0"})
    void aPathThroughSomethingThatIsNotAnObjectFindsNothing(String path) {
        Map<String, Object> claims = Map.of("realm_access", List.of("roles"), "a", Map.of("b", 7L));
        assertThat(paths(path).extract(claims, Scopes.NONE)).isEmpty();
    }

    @Test
    void aValueThatIsAnObjectOrANumberFindsNothing() {
        assertThat(paths("a", "b").extract(Map.of("a", Map.of("x", "y"), "b", 3L), Scopes.NONE)).isEmpty();
    }

    @Test
    void aHugeArrayIsReadOnceWithoutDuplicates() {
        List<Object> huge = Collections.nCopies(200_000, "same");
        assertThat(paths("groups").extract(Map.of("groups", huge), Scopes.NONE)).containsExactly("same");
    }

    @Test
    void aPathLongerThanTheNestingFindsNothing() {
        Map<String, Object> deep = Map.of("v", List.of("leaf"));
        for (int i = 0; i < 64; i++) {
            deep = Map.of("n", deep);
        }
        assertThat(paths("n.".repeat(64) + "v").extract(deep, Scopes.NONE)).containsExactly("leaf");
        assertThat(paths("n.".repeat(65) + "v").extract(deep, Scopes.NONE)).isEmpty();
    }

    @Test
    void aMappedGroupIsReplacedByItsRoles() {
        RoleClaims roles = new RoleClaims(List.of(ClaimPath.parse("groups")),
                Map.of("patients-readers", Set.of("reader"), "ops", Set.of("admin", "reader")), false);
        assertThat(roles.extract(Map.of("groups", List.of("patients-readers", "ops", "other")), Scopes.NONE))
                .containsExactlyInAnyOrder("reader", "admin", "other");
    }

    @Test
    void scopesAreRolesOnlyWhereSwitchedOn() {
        Scopes scopes = new Scopes(Set.of("read:patients"));
        Map<String, Object> claims = Map.of("groups", List.of("g"));
        assertThat(new RoleClaims(List.of(ClaimPath.parse("groups")), Map.of(), true).extract(claims, scopes))
                .containsExactlyInAnyOrder("g", "read:patients");
        assertThat(new RoleClaims(List.of(ClaimPath.parse("groups")), Map.of(), false).extract(claims, scopes))
                .containsExactly("g");
    }

    @Test
    void theDefaultIsTheGroupsAloneSoAScopeNamedLikeARoleGrantsNothing() {
        assertThat(RoleClaims.DEFAULT.extract(Map.of("groups", List.of("g")), new Scopes(Set.of("s", "admin"))))
                .containsExactly("g");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/roles", "a..b", ".a", "a.", "", "/a~2b", "/a~"})
    void anAmbiguousOrMalformedPathIsRefused(String path) {
        assertThatThrownBy(() -> ClaimPath.parse(path)).isInstanceOf(IllegalArgumentException.class);
    }
}
