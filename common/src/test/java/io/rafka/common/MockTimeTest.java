package io.rafka.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MockTimeTest {

    @Test
    void wallAndMonotonicClocksAdvanceTogether() {
        MockTime time = new MockTime(1_000L);
        time.sleep(250);
        assertThat(time.milliseconds()).isEqualTo(1_250L);
        assertThat(time.monotonicMs()).isEqualTo(250L);
        assertThat(time.nanoseconds()).isEqualTo(250_000_000L);
    }

    @Test
    void timeNeverGoesBackwards() {
        MockTime time = new MockTime();
        assertThatThrownBy(() -> time.advanceMs(-1))
                .isInstanceOf(Checks.InvariantViolation.class)
                .hasMessageContaining("advanceMs(-1)");
    }

    @Test
    void failedCheckCarriesTheActualValues() {
        assertThatThrownBy(() -> Checks.check(1 > 2, "offset %s beyond end %s", 7, 5))
                .isInstanceOf(Checks.InvariantViolation.class)
                .hasMessage("offset 7 beyond end 5");
    }
}
