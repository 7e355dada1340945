package io.rafka.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultKindTest {

    @Test
    void familiesExpandToTheirKinds() {
        assertThat(FaultKind.parse("kill,pause")).containsExactly(FaultKind.KILL_RANDOM, FaultKind.KILL_CONTROLLER,
            FaultKind.KILL_LEADER, FaultKind.PAUSE);
        assertThat(FaultKind.parse("partition")).containsExactly(FaultKind.ISOLATE_ONE,
            FaultKind.ISOLATE_CONTROLLER, FaultKind.PARTITION_HALVES);
    }

    @Test
    void singleKindsCanBeNamed() {
        assertThat(FaultKind.parse("kill_controller, restart")).containsExactly(FaultKind.KILL_CONTROLLER,
            FaultKind.RESTART);
    }

    @Test
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> FaultKind.parse("kill,flood")).hasMessageContaining("flood");
    }
}
