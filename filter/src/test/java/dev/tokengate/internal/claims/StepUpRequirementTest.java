package dev.tokengate.internal.claims;

import dev.tokengate.RejectionReason;
import dev.tokengate.Scopes;
import dev.tokengate.VerifiedToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9470's two demands on the login behind a token, one rule per test. */
class StepUpRequirementTest {
    static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    static final Duration SKEW = Duration.ofSeconds(60);
    static final StepUpRequirement STRONG = new StepUpRequirement(Set.of("phr", "phrh"), Optional.empty());
    static final StepUpRequirement FRESH = new StepUpRequirement(Set.of(), Optional.of(Duration.ofMinutes(5)));

    static VerifiedToken token(Object... claims) {
        Map<String, Object> map = new HashMap<>(Map.of("sub", "user-1"));
        for (int i = 0; i < claims.length; i += 2) {
            map.put((String) claims[i], claims[i + 1]);
        }
        return new VerifiedToken("raw", map, Scopes.NONE, Set.of(), Long.MAX_VALUE);
    }

    @Test
    void anAcceptedAcrPasses() {
        assertThat(STRONG.shortfall(token("acr", "phrh"), NOW, SKEW)).isEmpty();
    }

    @Test
    void anotherAcrIsWeak() {
        assertThat(STRONG.shortfall(token("acr", "pwd"), NOW, SKEW)).contains(RejectionReason.WEAK_AUTHENTICATION);
    }

    @Test
    void acrIsComparedExactly() {
        assertThat(STRONG.shortfall(token("acr", "PHR"), NOW, SKEW)).contains(RejectionReason.WEAK_AUTHENTICATION);
    }

    @Test
    void aMissingOrNonStringAcrIsWeak() {
        assertThat(STRONG.shortfall(token(), NOW, SKEW)).contains(RejectionReason.WEAK_AUTHENTICATION);
        assertThat(STRONG.shortfall(token("acr", List.of("phr")), NOW, SKEW)).contains(RejectionReason.WEAK_AUTHENTICATION);
        assertThat(STRONG.shortfall(token("acr", 2), NOW, SKEW)).contains(RejectionReason.WEAK_AUTHENTICATION);
    }

    @Test
    void aRecentLoginPasses() {
        assertThat(FRESH.shortfall(token("auth_time", NOW.getEpochSecond() - 300), NOW, SKEW)).isEmpty();
    }

    @Test
    void theClockSkewIsAllowedOnTheLoginsAge() {
        assertThat(FRESH.shortfall(token("auth_time", NOW.getEpochSecond() - 360), NOW, SKEW)).isEmpty();
        assertThat(FRESH.shortfall(token("auth_time", NOW.getEpochSecond() - 361), NOW, SKEW))
                .contains(RejectionReason.STALE_AUTHENTICATION);
    }

    @Test
    void aMissingOrNonNumericAuthTimeIsStale() {
        assertThat(FRESH.shortfall(token(), NOW, SKEW)).contains(RejectionReason.STALE_AUTHENTICATION);
        assertThat(FRESH.shortfall(token("auth_time", "1800000000"), NOW, SKEW))
                .contains(RejectionReason.STALE_AUTHENTICATION);
        assertThat(FRESH.shortfall(token("auth_time", Double.NaN), NOW, SKEW))
                .contains(RejectionReason.STALE_AUTHENTICATION);
    }

    @Test
    void aFractionalAuthTimeCounts() {
        assertThat(FRESH.shortfall(token("auth_time", NOW.getEpochSecond() - 10.5), NOW, SKEW)).isEmpty();
    }

    @Test
    void bothDemandsMustHoldAndTheWeakLoginIsNamedFirst() {
        StepUpRequirement both = new StepUpRequirement(Set.of("phr"), Optional.of(Duration.ofMinutes(5)));
        assertThat(both.shortfall(token("acr", "pwd"), NOW, SKEW)).contains(RejectionReason.WEAK_AUTHENTICATION);
        assertThat(both.shortfall(token("acr", "phr", "auth_time", 1L), NOW, SKEW))
                .contains(RejectionReason.STALE_AUTHENTICATION);
        assertThat(both.shortfall(token("acr", "phr", "auth_time", NOW.getEpochSecond()), NOW, SKEW)).isEmpty();
    }

    @Test
    void noDemandLetsEveryTokenPass() {
        assertThat(StepUpRequirement.NONE.demandsAnything()).isFalse();
        assertThat(StepUpRequirement.NONE.shortfall(token(), NOW, SKEW)).isEmpty();
    }

    @Test
    void anAcrValueThatWouldBreakTheChallengeIsRefused() {
        for (String bad : List.of("two words", "quo\"te", "back\\slash", "", "caf\u00e9")) {
            assertThatThrownBy(() -> new StepUpRequirement(Set.of(bad), Optional.empty()))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
