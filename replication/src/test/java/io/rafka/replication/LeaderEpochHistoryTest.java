package io.rafka.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.Checks;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderEpochHistoryTest {

    // epochs 1@0, 3@10, 5@20; log end 25
    private final LeaderEpochHistory history = LeaderEpochHistory.of(
            List.of(new EpochEntry(1, 0), new EpochEntry(3, 10), new EpochEntry(5, 20)));

    @Test
    void latestEpochEndsAtLogEnd() {
        assertThat(history.endOffsetFor(5, 25)).isEqualTo(new EpochEndOffset(5, 25));
    }

    @Test
    void knownEpochEndsWhereTheNextOneStarts() {
        assertThat(history.endOffsetFor(3, 25)).isEqualTo(new EpochEndOffset(3, 20));
    }

    @Test
    void unknownEpochIsAnsweredWithTheLargestSmallerEpoch() {
        assertThat(history.endOffsetFor(4, 25)).isEqualTo(new EpochEndOffset(3, 20));
        assertThat(history.endOffsetFor(2, 25)).isEqualTo(new EpochEndOffset(1, 10));
    }

    @Test
    void epochOlderThanTheWholeLineageEndsWhereTheLineageStarts() {
        LeaderEpochHistory late = LeaderEpochHistory.of(List.of(new EpochEntry(4, 7)));
        assertThat(late.endOffsetFor(2, 9)).isEqualTo(new EpochEndOffset(2, 7));
    }

    @Test
    void epochNewerThanTheLineageIsUndefined() {
        assertThat(history.endOffsetFor(6, 25)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(LeaderEpochHistory.empty().endOffsetFor(0, 0)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void lineageMustGrowInEpochAndOffset() {
        assertThatThrownBy(() -> history.withEpoch(4, 22)).isInstanceOf(Checks.InvariantViolation.class)
                .hasMessageContaining("not monotonic");
        assertThatThrownBy(() -> history.withEpoch(6, 19)).isInstanceOf(Checks.InvariantViolation.class);
        assertThat(history.withEpoch(5, 30)).isSameAs(history);
    }

    @Test
    void truncationDropsEveryEpochStartingAtOrAfterTheCut() {
        assertThat(history.truncatedTo(20).entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 10));
        assertThat(history.truncatedTo(21).entries()).hasSize(3);
        // An epoch with no record (its leader never appended) goes even when the cut is at the log end.
        LeaderEpochHistory emptyEpochAtEnd = history.withEpoch(6, 25);
        assertThat(emptyEpochAtEnd.truncatedTo(25)).isEqualTo(history);
    }
}
