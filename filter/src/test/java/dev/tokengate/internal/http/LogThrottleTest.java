package dev.tokengate.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogThrottleTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void admitsTheFirstLinesOfAWindowAndDropsTheRest() {
        LogThrottle throttle = new LogThrottle(2, 60 * SECOND, 0);
        assertThat(throttle.admit(0)).isZero();
        assertThat(throttle.admit(SECOND)).isZero();
        assertThat(throttle.admit(2 * SECOND)).isEqualTo(-1);
        assertThat(throttle.admit(3 * SECOND)).isEqualTo(-1);
    }

    @Test
    void theFirstLineOfTheNextWindowCountsWhatWasDropped() {
        LogThrottle throttle = new LogThrottle(1, 60 * SECOND, 0);
        throttle.admit(0);
        throttle.admit(SECOND);
        throttle.admit(2 * SECOND);
        assertThat(throttle.admit(61 * SECOND)).isEqualTo(2);
        assertThat(LogThrottle.suppressedNote(2)).isEqualTo(" (2 similar lines not logged)");
        assertThat(LogThrottle.suppressedNote(0)).isEmpty();
    }
}
