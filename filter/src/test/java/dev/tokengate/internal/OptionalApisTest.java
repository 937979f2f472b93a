package dev.tokengate.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An optional API is present when this jar's class loader finds its class. */
class OptionalApisTest {

    @Test
    void anApiOnTheClassPathIsPresent() {
        assertThat(OptionalApis.present("io.micrometer.core.instrument.MeterRegistry")).isTrue();
    }

    @Test
    void anApiThatIsNotThereIsNot() {
        assertThat(OptionalApis.present("io.micrometer.core.instrument.NoSuchRegistry")).isFalse();
    }
}
