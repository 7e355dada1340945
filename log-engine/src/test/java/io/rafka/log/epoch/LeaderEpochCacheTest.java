package io.rafka.log.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.log.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {

    @TempDir
    Path dir;

    private LeaderEpochCache cache;

    @BeforeEach
    void fillCache() throws IOException {
        cache = LeaderEpochCache.load(dir);
        cache.maybeAssign(2, 10);
        cache.maybeAssign(4, 30);
        cache.maybeAssign(5, 50);
        cache.persistIfBehind(); // an existing partition: its checkpoint file is on disk
    }

    @Test
    void latestEpochAnswersWithTheLogEnd() {
        assertThat(cache.endOffsetFor(5, 77)).isEqualTo(new EpochEndOffset(5, 77));
    }

    @Test
    void olderEpochEndsWhereTheNextKnownEpochStarts() {
        assertThat(cache.endOffsetFor(2, 77)).isEqualTo(new EpochEndOffset(2, 30));
        assertThat(cache.endOffsetFor(4, 77)).isEqualTo(new EpochEndOffset(4, 50));
    }

    @Test
    void unknownEpochBetweenKnownOnesAnswersWithTheLargestEpochBelowIt() {
        assertThat(cache.endOffsetFor(3, 77)).isEqualTo(new EpochEndOffset(2, 30));
    }

    @Test
    void epochBelowAllKnownAnswersWithItselfAndTheFirstStart() {
        assertThat(cache.endOffsetFor(1, 77)).isEqualTo(new EpochEndOffset(1, 10));
    }

    @Test
    void epochAboveAllKnownOrUndefinedIsUndefined() {
        assertThat(cache.endOffsetFor(6, 77)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(-1, 77)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void olderOrEqualEpochsAreIgnored() throws IOException {
        assertThat(cache.maybeAssign(5, 60)).isFalse();
        assertThat(cache.maybeAssign(3, 60)).isFalse();
        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 10), new EpochEntry(4, 30), new EpochEntry(5, 50));
    }

    @Test
    void anEpochThatWroteNothingIsReplacedByTheNextOne() throws IOException {
        cache.maybeAssign(6, 50);
        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 10), new EpochEntry(4, 30), new EpochEntry(6, 50));
    }

    @Test
    void truncateFromEndDropsEpochsStartingAtOrAfterTheNewEnd() throws IOException {
        cache.truncateFromEnd(30);
        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 10));
        assertThat(LeaderEpochCache.load(dir).entries()).containsExactly(new EpochEntry(2, 10));
    }

    @Test
    void truncateFromStartMovesTheCoveringEpochUp() throws IOException {
        cache.truncateFromStart(40);
        assertThat(cache.entries()).containsExactly(new EpochEntry(4, 40), new EpochEntry(5, 50));
        assertThat(LeaderEpochCache.load(dir).entries()).containsExactly(new EpochEntry(4, 40), new EpochEntry(5, 50));
    }

    @Test
    void checkpointSurvivesReloadAndCorruptionIsReported() throws IOException {
        assertThat(LeaderEpochCache.load(dir).entries()).isEqualTo(cache.entries());
        assertThat(Files.readString(dir.resolve(LeaderEpochCache.FILE_NAME))).isEqualTo("0\n3\n2 10\n4 30\n5 50\n");
        Files.writeString(dir.resolve(LeaderEpochCache.FILE_NAME), "0\n2\n4 30\n2 10\n");
        assertThatThrownBy(() -> LeaderEpochCache.load(dir)).isInstanceOf(CorruptCheckpointException.class);
    }

    @Test
    void aNewPartitionsEpochsStayInMemoryUntilTheLogFlushes(@TempDir Path newPartition) throws IOException {
        LeaderEpochCache fresh = LeaderEpochCache.load(newPartition);
        fresh.begin(0, 0);
        assertThat(fresh.maybeAssign(0, 0)).isFalse(); // the first record of the begun epoch
        assertThat(fresh.maybeAssign(1, 7)).isTrue();

        // No checkpoint file, so a crash now makes the loader rebuild both from the batches' headers.
        assertThat(Files.exists(newPartition.resolve(LeaderEpochCache.FILE_NAME))).isFalse();

        fresh.persistIfBehind();
        assertThat(LeaderEpochCache.load(newPartition).entries()).containsExactly(new EpochEntry(0, 0), new EpochEntry(1, 7));
    }

    @Test
    void onceTheCheckpointExistsANewEpochIsWrittenBeforeItsFirstRecord() throws IOException {
        assertThat(cache.maybeAssign(6, 60)).isTrue();
        assertThat(LeaderEpochCache.load(dir).entries()).last().isEqualTo(new EpochEntry(6, 60));
    }

    @Test
    void aBegunEpochReachesTheCheckpointWithItsFirstRecordNotBefore() throws Exception {
        cache.begin(9, 80);
        assertThat(cache.latestEpoch()).isEqualTo(9);
        assertThat(LeaderEpochCache.load(dir).latestEpoch()).as("begun: in memory only").isEqualTo(5);

        cache.maybeAssign(9, 80); // the first batch of epoch 9

        assertThat(LeaderEpochCache.load(dir).entries()).last().isEqualTo(new EpochEntry(9, 80));
    }
}
