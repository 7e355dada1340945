package io.rafka.cli.groups;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTargetTest {

    @Test
    void offsetsAreClampedIntoTheLog() {
        assertThat(OffsetTarget.clamp(5, 10, 20)).isEqualTo(10);
        assertThat(OffsetTarget.clamp(15, 10, 20)).isEqualTo(15);
        assertThat(OffsetTarget.clamp(25, 10, 20)).isEqualTo(20);
    }

    @Test
    void noRecordAfterTheTimestampMeansTheLogEnd() {
        assertThat(OffsetTarget.clamp(-1, 10, 20)).isEqualTo(20);
    }
}
