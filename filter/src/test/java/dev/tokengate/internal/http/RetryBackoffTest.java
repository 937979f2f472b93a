package dev.tokengate.internal.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    @ParameterizedTest(name = "after {0} failures: {2} ms (ceiling {1} ms)")
    @CsvSource({
            "1, 300000, 1000",
            "2, 300000, 2000",
            "3, 300000, 4000",
            "9, 300000, 256000",
            "10, 300000, 300000",
            "1000, 300000, 300000",
            "0, 300000, 1000",
            "4, 5000, 5000"})
    void doublesFromOneSecondUpToTheCeiling(int failures, long ceiling, long expected) {
        assertThat(RetryBackoff.afterFailures(failures, ceiling)).isEqualTo(expected);
    }
}
