package io.rafka.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.log.RetentionPolicy.SegmentFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final List<SegmentFacts> SEGMENTS = List.of(
            new SegmentFacts(0, 100, 1_000),
            new SegmentFacts(10, 100, 5_000),
            new SegmentFacts(20, 100, 2_000),
            new SegmentFacts(30, 100, 9_000)); // active

    private static LogConfig retention(long retentionMs, long retentionBytes) {
        return LogConfig.builder().retentionMs(retentionMs).retentionBytes(retentionBytes).build();
    }

    @Test
    void timeRetentionStopsAtTheFirstSegmentThatMustStay() {
        // Segment 20 is older than 10 but behind it: retention removes prefixes only.
        assertThat(RetentionPolicy.deletableCount(SEGMENTS, 0, retention(3_500, -1), 6_000)).isEqualTo(1);
    }

    @Test
    void theActiveSegmentNeverExpires() {
        assertThat(RetentionPolicy.deletableCount(SEGMENTS, 0, retention(1, -1), 1_000_000)).isEqualTo(3);
    }

    @Test
    void sizeRetentionDeletesOnlyWhileTheLogStaysAtOrAboveTheLimit() {
        assertThat(RetentionPolicy.deletableCount(SEGMENTS, 0, retention(-1, 250), 0)).isEqualTo(1);
        assertThat(RetentionPolicy.deletableCount(SEGMENTS, 0, retention(-1, 200), 0)).isEqualTo(2);
        assertThat(RetentionPolicy.deletableCount(SEGMENTS, 0, retention(-1, 0), 0)).isEqualTo(3);
    }

    @Test
    void segmentsEntirelyBelowTheLogStartGo() {
        assertThat(RetentionPolicy.belowLogStartCount(SEGMENTS, 20)).isEqualTo(2);
        assertThat(RetentionPolicy.belowLogStartCount(SEGMENTS, 19)).isEqualTo(1);
        assertThat(RetentionPolicy.belowLogStartCount(SEGMENTS, 500)).isEqualTo(3);
        assertThat(RetentionPolicy.deletableCount(SEGMENTS, 25, retention(-1, -1), 0)).isEqualTo(2);
    }
}
